/**
 * The scenarios as k6 reads them (load/check/check.mjs): every scenario module evaluated in Node
 * with k6's modules stood in for, under several environments, its `options` checked against k6's
 * documented option types. And the check itself: it must catch each kind of mistake it is for.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'e2e/fixtures/k6-options');

function check(...files: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['load/check/check.mjs', ...files], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  expect(result.error).toBeUndefined();
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('load/ scenarios as k6 reads them', () => {
  it('every scenario passes the offline check in every environment, and stops in init on every unusable value it reads', () => {
    const scenarios = readdirSync(path.join(root, 'load')).filter((name) => name.endsWith('.ts'));
    const { status, output } = check();
    expect({ status, failures: output.split('\n').filter((line) => /^ *FAIL /.test(line)) }).toEqual({ status: 0, failures: [] });
    const summary = /every scenario is as k6 reads it \((\d+) modules, (\d+) environments\)/.exec(output);
    expect(summary).not.toBeNull();
    const [modules, environments] = [Number(summary![1]), Number(summary![2])];
    expect(modules).toBe(scenarios.length);
    // One verdict per scenario and environment: none skipped.
    expect(output.split('\n').filter((line) => /^ {2}ok {4}\S/.test(line))).toHaveLength(modules * environments);
    // Fractional rates reach k6 as whole numbers per a longer timeUnit.
    expect(output).toMatch(/baseline +baseline: 5\/2s for 2m/);
    expect(output).toMatch(/spike +spike: 5>5>25>25>5>5 per 2s/);
    expect(output).toContain('stopped in init: RATE="five" is not a number');
  }, 150_000);

  it('catches each kind of mistake it checks for', () => {
    const { status, output } = check(path.join(fixtures, 'broken.mjs'));
    expect(status).toBe(1);
    for (const problem of [
      'scenario "two words": its name must hold only latin letters, digits, underscores and dashes',
      "scenario \"two words\": iterations (1) can't be less than vus (2)",
      'scenario "steady": rate must be an integer (k6 holds it as int64), got 2.5',
      'scenario "steady": exec "missing" is not an exported function',
      "scenario \"steady\": maxVUs (1) can't be less than preAllocatedVUs (2)",
      'scenario "ramp": rampUp is not an option of ramping-arrival-rate',
      'scenario "ramp": stages[0].target must be an integer (k6 holds it as int64), got 7.5',
      'scenario "short": duration is required by constant-vus',
      '"rate>0.5" on "pending" passes when the Rate got no sample: it needs "count>0" on "pending_samples"',
      'threshold "rate<0.1" on "latency": a trend supports avg, min, max, med, p',
      'threshold on "latency": "p(95) < 1e3" is not "<aggregation> <operator> <number>"',
      'threshold on "latency": "p(101)<5": a percentile is p(N) with N from 0 to 100',
      'threshold on "unknown_metric": no metric named "unknown_metric"',
      '"rate==1" on "checks" passes when the Rate got no sample: it needs "count>0" on "iterations"',
      'summaryTrendStats: "mode" is not a trend statistic',
    ]) {
      expect(output).toContain(problem);
    }
    // A valid threshold on the same metric is not reported.
    expect(output).not.toContain('"med>100"');
  }, 150_000);

  it('catches a script that silently replaces a value it cannot use', () => {
    const { status, output } = check(path.join(fixtures, 'silent-env.mjs'));
    expect(status).toBe(1);
    expect(output).toContain('accepted RATE=five instead of stopping in init');
    expect(output).toContain('scenario "steady": rate must be an integer (k6 holds it as int64), got 2.5');
  }, 150_000);
});
