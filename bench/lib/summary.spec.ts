import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The bench is ES modules run by Node itself; Jest's loader would need its VM-modules mode for them.
const SUMMARY = join(__dirname, 'summary.mjs');

interface Goal {
  goal: string;
  measured: string;
  met: boolean | null | undefined;
}

/** A module script run by Node itself, with `input` on its stdin; what it printed. */
const runScript = (script: string, input = '', env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { input, encoding: 'utf8', env });

/** goals() of the bench's own module, in a Node process, for runs made up below. */
function judge(runs: unknown[]): Goal[] {
  const script = `import { readFileSync } from 'node:fs';
    import { goals, ratios, summarize } from ${JSON.stringify(SUMMARY)};
    const summary = summarize(JSON.parse(readFileSync(0, 'utf8')));
    process.stdout.write(JSON.stringify(goals(summary, ratios(summary)).map((g) => ({ ...g, met: g.met === undefined ? 'undefined' : g.met }))));`;
  const out = runScript(script, JSON.stringify(runs));
  return (JSON.parse(out) as (Omit<Goal, 'met'> & { met: boolean | null | 'undefined' })[]).map((g) => ({ ...g, met: g.met === 'undefined' ? undefined : g.met }));
}

const phase = (steal: number, extra: Record<string, unknown> = {}) => ({ machine: { stealPercent: steal }, ...extra });
function run(target: string, mode: string, { cpu, max, p99 = 100, steal = {} }: { cpu: number; max: number; p99?: number; steal?: { paced?: number; max?: number; half?: number } }) {
  return {
    target,
    mode,
    paced: phase(steal.paced ?? 0, { cpuMsPerOrder: { 'six services': cpu }, spans: { dropped: 0 } }),
    max: phase(steal.max ?? 0, { ordersPerSecond: max }),
    half: phase(steal.half ?? 0, { rate: max / 2, latencyMs: { p99 } }),
    memoryMiB: { 'six services': { private: 350 } },
  };
}
const met = (goals: Goal[], prefix: string) => goals.find((g) => g.goal.startsWith(prefix))?.met;

describe('the bench judges each goal on the steal of the phases it reads', () => {
  const quiet = [run('ours', 'untraced', { cpu: 18, max: 200 }), run('ours', 'lean', { cpu: 24, max: 130 }), run('baseline', 'untraced', { cpu: 25, max: 110 }), run('baseline', 'lean', { cpu: 33, max: 75 })];

  it('judges every goal on a quiet machine', () => {
    const goals = judge(quiet);
    expect(met(goals, 'six services CPU/order untraced')).toBe(true);
    expect(met(goals, 'tracing overhead')).toBe(false);
    expect(met(goals, 'traced max throughput')).toBe(true);
    expect(met(goals, 'traced p99')).toBe(true);
  });

  it('steal in a phase a goal does not read leaves that goal judged', () => {
    // The baseline's untraced paced phase and its lean half-rate phase were disturbed.
    const runs = [quiet[0], quiet[1], run('baseline', 'untraced', { cpu: 25, max: 110, steal: { paced: 17 } }), run('baseline', 'lean', { cpu: 33, max: 75, steal: { half: 7 } })];
    const goals = judge(runs);
    expect(met(goals, 'six services CPU/order untraced')).toBe(true); // ≤ 19 ms reads ours only
    expect(met(goals, 'tracing overhead')).toBe(false);
    expect(met(goals, 'traced max throughput')).toBe(true);
    expect(met(goals, 'traced p99')).toBe(true);
  });

  it('steal in a phase a goal reads leaves it not judged, whatever the figure', () => {
    const runs = [run('ours', 'untraced', { cpu: 18, max: 200, steal: { paced: 9 } }), run('ours', 'lean', { cpu: 24, max: 130, steal: { max: 12 } }), quiet[2], quiet[3]];
    const goals = judge(runs);
    expect(met(goals, 'six services CPU/order untraced')).toBeNull();
    expect(met(goals, 'tracing overhead')).toBeNull();
    expect(met(goals, 'traced max throughput')).toBeNull();
    expect(met(goals, 'traced p99')).toBeNull();
    expect(goals.find((g) => g.goal.startsWith('traced max'))?.measured).toMatch(/steal up to 12 %/);
    expect(met(goals, 'six services private memory')).toBe(true); // memory is judged whatever the steal
  });

  it('the untraced goal is met by the ratio when ours is over 19 ms, and only if the baseline was quiet', () => {
    const ours = run('ours', 'untraced', { cpu: 20, max: 200 });
    expect(met(judge([ours, quiet[1], run('baseline', 'untraced', { cpu: 32, max: 110 }), quiet[3]]), 'six services CPU/order untraced')).toBe(true);
    expect(met(judge([ours, quiet[1], run('baseline', 'untraced', { cpu: 32, max: 110, steal: { paced: 8 } }), quiet[3]]), 'six services CPU/order untraced')).toBeNull();
    expect(met(judge([ours, quiet[1], quiet[2], quiet[3]]), 'six services CPU/order untraced')).toBe(false);
  });
});

describe('the steps between untraced and lean', () => {
  const CONFIG = join(__dirname, 'config.mjs');
  const modesOf = (phases?: string) => {
    const { BENCH_PHASES: _, ...env } = process.env;
    return runScript(`import { readConfig } from ${JSON.stringify(CONFIG)}; process.stdout.write(readConfig().modes.join(','));`, '', phases === undefined ? env : { ...env, BENCH_PHASES: phases });
  };

  it('are measured only when asked for, in the order untraced, unsampled, unexported, lean', () => {
    expect(modesOf()).toBe('untraced,lean,stdout,logs,auto');
    expect(modesOf('lean,unexported,untraced,unsampled')).toBe('untraced,unsampled,unexported,lean');
    expect(() => modesOf('untraced,sampled')).toThrow(/BENCH_PHASES takes a comma-separated subset of untraced,unsampled,unexported,lean,stdout,logs,auto/);
  });

  it('each get a ratio to untraced', () => {
    const runs = [run('ours', 'untraced', { cpu: 16, max: 200 }), run('ours', 'unsampled', { cpu: 20, max: 170 }), run('ours', 'unexported', { cpu: 22, max: 150 }), run('ours', 'lean', { cpu: 24, max: 130 })];
    const script = `import { readFileSync } from 'node:fs';
      import { ratios, summarize } from ${JSON.stringify(SUMMARY)};
      process.stdout.write(JSON.stringify(ratios(summarize(JSON.parse(readFileSync(0, 'utf8'))))));`;
    const r = JSON.parse(runScript(script, JSON.stringify(runs))) as Record<string, number>;
    expect(r.unsampledOverhead).toBeCloseTo(1.25);
    expect(r.unexportedOverhead).toBeCloseTo(1.375);
    expect(r.leanOverhead).toBeCloseTo(1.5);
  });
});
