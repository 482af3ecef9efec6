import { spawn } from 'node:child_process';
import { ROOT } from '../support/lab-cli';
import { GATEWAY_URL } from '../support/env';
import { ONE_SHOT } from './support/compose-file';
import { containers } from './support/containers';
import { cgroupOf, type CgroupMemory, memoryOf } from './support/cgroup-memory';

const RATE = 20;
const SECONDS = 120;
const MiB = 1024 * 1024;
/**
 * A cgroup's usage counts the page cache of every file its processes read (Postgres's tables, the
 * Node binary and node_modules), and the kernel drops that cache when the limit is reached instead
 * of killing anything: the kernel's peak of usage sits at the limit for Postgres on every run, and
 * the working set (usage minus inactive file pages, as docker stats reads it) keeps active cache
 * too, more of it the more room there is (deploy/README.md, "Memory budget"). Judged is what only
 * swap could free, anonymous memory plus shared memory (Postgres's shared_buffers), sampled every
 * second: above 90 % of its limit a container is close to an OOM kill.
 */
const JUDGED_SHARE = 0.9;

/** The project's paced load (bench/lib/paced-load.mjs) in a process of its own. */
function pacedLoad(): Promise<{ sent: number; ok: number; statuses: Record<string, number>; maxLagMs: number; latencyMs: Record<string, number> }> {
  const script = `import('./bench/lib/paced-load.mjs').then((m) => m.pacedLoad(process.argv[1], { rate: ${RATE}, seconds: ${SECONDS} })).then((r) => console.log(JSON.stringify(r)))`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, GATEWAY_URL], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`paced load exited ${code}: ${out}`))));
  });
}

describe(`container memory under ${RATE} orders/s for ${SECONDS / 60} minutes`, () => {
  it('each container’s peak against its limit (cgroup), always-on limits within 1.5 GiB', async () => {
    const running = containers().filter((c) => c.status === 'running');
    const dirs = Object.fromEntries(running.map((c) => [c.service, cgroupOf(c.id)]));
    const worst: Record<string, CgroupMemory> = {};
    const sample = () => {
      for (const [service, dir] of Object.entries(dirs)) {
        const now = memoryOf(dir);
        const seen = worst[service] ?? now;
        worst[service] = {
          usage: Math.max(seen.usage, now.usage),
          workingSet: Math.max(seen.workingSet, now.workingSet),
          anon: Math.max(seen.anon, now.anon),
          peak: Math.max(seen.peak, now.peak),
          limit: now.limit,
        };
      }
    };
    sample();
    const timer = setInterval(sample, 1000);
    const load = await pacedLoad().finally(() => clearInterval(timer));
    sample();

    const rows = Object.entries(worst).sort(([a], [b]) => a.localeCompare(b));
    const pct = (bytes: number, limit: number) => `${Math.round((100 * bytes) / limit)} %`;
    const table = [
      '| container | limit MiB | anon + shmem MiB (peak, judged) | % of limit | working set MiB (peak) | % | usage MiB (kernel peak, with page cache) | % |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        ([s, m]) =>
          `| ${s} | ${Math.round(m.limit / MiB)} | ${Math.round(m.anon / MiB)} | ${pct(m.anon, m.limit)} | ${Math.round(m.workingSet / MiB)} | ${pct(m.workingSet, m.limit)} | ${Math.round(m.peak / MiB)} | ${pct(m.peak, m.limit)} |`,
      ),
    ].join('\n');
    console.log(
      `compose memory after ${load.sent} orders at ${RATE}/s (${load.ok} answered 201, statuses ${JSON.stringify(load.statuses)}, ` +
        `p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, generator lag max ${load.maxLagMs} ms):\n${table}`,
    );

    expect(load.ok).toBe(load.sent);
    const over = rows.filter(([, m]) => m.anon > JUDGED_SHARE * m.limit).map(([service]) => service);
    expect(over).toEqual([]);
    const alwaysOn = containers().filter((c) => !ONE_SHOT.includes(c.service));
    expect(alwaysOn.length).toBeGreaterThan(10);
    expect(alwaysOn.reduce((sum, c) => sum + c.memoryLimit, 0) / MiB).toBeLessThanOrEqual(1536);
    expect(containers().filter((c) => c.oomKilled || c.restartCount > 0).map((c) => c.service)).toEqual([]);
  }, (SECONDS + 120) * 1000);
});
