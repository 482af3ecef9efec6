#!/usr/bin/env node
// `pnpm bench:memory`: the memory of every process of the stack, the numbers behind the memory
// limits in docker-compose.yml. Not a test: it prints figures and writes bench/results/memory-*.{json,md}.
//
// Runs the whole stack locally as compose runs it: a Postgres cluster of its own started with
// compose's flags (shared_buffers=32MB, ...), the machine's RabbitMQ (its beam.smp and children),
// the Collector, Jaeger, Prometheus and VictoriaLogs from .tools/bin with the deploy/ configs and
// compose's GOMEMLIMIT and flags, the six services with compose's NODE_OPTIONS heap caps exporting
// traces and log records over http/protobuf.
// Measures RSS, PSS and private memory (/proc/<pid>/smaps_rollup) at idle and while orders arrive
// at the k6 baseline's rate, and the peak of `otelcol validate` (the healthcheck compose used to run).
//   MEMORY_RATE (5)          orders/s of the loaded phase (load/baseline.ts's default RATE)
//   MEMORY_BUSY_RATE (20)    a busier phase: a workshop room placing orders at once
//   MEMORY_SECONDS (60)      length of each loaded phase
//   MEMORY_BUSY_SECONDS      length of the busy phase (default MEMORY_SECONDS; 600 for VictoriaLogs
//                            "after 10 minutes at 20 orders/s")
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocatorEnv, benchAllocator, CONTAINER_NODE_OPTIONS } from './lib/service-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const { ensureVhost, startPipeline, startStack, findTool } = require(join(root, 'packages/local-stack/dist/index.js'));

const num = (name, fallback) => Number(process.env[name] ?? fallback);
const RATE = num('MEMORY_RATE', 5);
const BUSY_RATE = num('MEMORY_BUSY_RATE', 20);
const SECONDS = num('MEMORY_SECONDS', 60);
const BUSY_SECONDS = num('MEMORY_BUSY_SECONDS', SECONDS);
const PORT_OFFSET = 300;
const PG_PORT = 5432 + PORT_OFFSET; // a cluster of its own, beside the machine's on 5432
const SKUS = ['TL-MUG', 'TL-TEE', 'TL-HOODIE', 'TL-STICKERS', 'TL-CAP', 'TL-BOOK', 'TL-SOCKS'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mib = (kb) => Math.round(kb / 1024);

/** RSS, PSS and private memory of one process, in KiB (0 when it is gone). */
function memoryOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { rss: kb('Rss'), pss: kb('Pss'), private: kb('Private_Clean') + kb('Private_Dirty') };
  } catch {
    return { rss: 0, pss: 0, private: 0 };
  }
}

function childrenOf(pid) {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').map((s) => Number(s.trim())).filter(Boolean);
}

/** A process and all its descendants, summed (Postgres backends, RabbitMQ's helpers). */
function treeMemory(pid) {
  const total = { rss: 0, pss: 0, private: 0, processes: 0 };
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop();
    const m = memoryOf(next);
    total.rss += m.rss;
    total.pss += m.pss;
    total.private += m.private;
    total.processes += 1;
    pending.push(...childrenOf(next));
  }
  return total;
}

/** [command, args] run as the postgres user (Postgres refuses to run as root). */
function asPostgres(command, args) {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** Postgres with compose's settings, in a cluster of its own, so its backends are this stack's only. */
function startPostgres() {
  const bin = readdirSync('/usr/lib/postgresql').sort().map((v) => `/usr/lib/postgresql/${v}/bin`).at(-1);
  const dir = mkdtempSync(join(tmpdir(), 'tracelab-memory-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  execFileSync(...asPostgres(`${bin}/initdb`, ['-D', `${dir}/data`, '-U', 'postgres', '--auth=trust']), { stdio: 'ignore' });
  const flags = ['-c', 'shared_buffers=32MB', '-c', 'max_connections=60', '-c', 'work_mem=4MB', '-c', 'maintenance_work_mem=32MB', '-c', 'effective_cache_size=64MB'];
  const server = spawn(...asPostgres(`${bin}/postgres`, ['-D', `${dir}/data`, '-p', String(PG_PORT), '-k', dir, '-h', '127.0.0.1', ...flags]), { stdio: 'ignore' });
  return { server, dir, url: `postgres://postgres@127.0.0.1:${PG_PORT}/tracelab` };
}

async function waitPostgres(server) {
  for (let i = 0; i < 60; i += 1) {
    if (server.exitCode !== null) throw new Error(`the measurement Postgres exited (${server.exitCode}); is port ${PG_PORT} taken?`);
    if (spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', String(PG_PORT), '-q']).status === 0) return;
    await sleep(500);
  }
  throw new Error('the measurement Postgres did not start');
}

function rabbitPid() {
  const out = spawnSync('pgrep', ['-o', '-f', 'beam.smp.*rabbit'], { encoding: 'utf8' }).stdout.trim();
  if (!out) throw new Error('RabbitMQ is not running (scripts/infra-up.sh starts it)');
  return Number(out);
}

/** Orders at a fixed pace (an open model, as k6's constant-arrival-rate). */
async function pacedLoad(gatewayUrl, rate, seconds) {
  const statuses = {};
  const inFlight = [];
  const started = Date.now();
  for (let i = 0; Date.now() - started < seconds * 1000; i += 1) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    inFlight.push(
      fetch(`${gatewayUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', baggage: 'synthetic=true,shop.scenario=memory' },
        body: JSON.stringify({ customerId: `cust-${String(1 + (i % 500)).padStart(4, '0')}`, items: [{ sku: SKUS[i % SKUS.length], quantity: 1 }], card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' } }),
      }).then(
        (r) => (statuses[r.status] = (statuses[r.status] ?? 0) + 1),
        () => (statuses.error = (statuses.error ?? 0) + 1),
      ),
    );
  }
  await Promise.all(inFlight);
  return statuses;
}

/** Samples every process every 2 s while `during` runs; keeps each one's maximum. */
async function sample(processes, during) {
  const peak = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const [name, pid] of Object.entries(processes())) {
        const m = treeMemory(pid);
        const p = (peak[name] ??= { rss: 0, pss: 0, private: 0, processes: 0 });
        for (const key of ['rss', 'pss', 'private', 'processes']) p[key] = Math.max(p[key], m[key]);
      }
      await sleep(2000);
    }
  })();
  const result = await during();
  running = false;
  await loop;
  return { peak, result };
}

/** Peak RSS of `otelcol validate` on the compose config, polled every 5 ms. */
async function validatePeak(otelcol) {
  const child = spawn(otelcol, ['validate', `--config=${join(root, 'deploy/otel-collector/config.yaml')}`], { stdio: 'ignore' });
  let peak = 0;
  while (child.exitCode === null) {
    peak = Math.max(peak, memoryOf(child.pid).rss);
    await sleep(5);
  }
  return peak;
}

const postgres = startPostgres();
const results = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, rate: RATE, busyRate: BUSY_RATE, seconds: SECONDS, busySeconds: BUSY_SECONDS };
let pipeline;
let stack;
try {
  await waitPostgres(postgres.server);
  pipeline = await startPipeline({ portOffset: PORT_OFFSET, prometheus: true, victorialogs: true });
  stack = await startStack({
    portOffset: PORT_OFFSET,
    env: {
      DATABASE_URL: postgres.url,
      AMQP_URL: ensureVhost('tracelab_memory'),
      LOG_LEVEL: 'info',
      NODE_OPTIONS: CONTAINER_NODE_OPTIONS,
      ...allocatorEnv(benchAllocator()),
      OTEL_EXPORTER_OTLP_ENDPOINT: pipeline.otlpHttpUrl,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
    },
    readyTimeoutMs: 300000,
  });
  const processes = () => ({
    ...Object.fromEntries(stack.services.map((s) => [s.name, s.process.pid])),
    ...Object.fromEntries(pipeline.processes.map((p) => [p.name, p.process.pid])),
    postgres: postgres.server.pid,
    rabbitmq: rabbitPid(),
  });
  console.log('stack up; settling 20 s for the idle figures');
  await sleep(20000);
  results.idle = (await sample(processes, () => sleep(10000))).peak;
  console.log(`baseline rate: ${RATE} orders/s for ${SECONDS} s`);
  const baseline = await sample(processes, () => pacedLoad(stack.gatewayUrl, RATE, SECONDS));
  results.baseline = baseline.peak;
  results.baselineStatuses = baseline.result;
  console.log(`busy rate: ${BUSY_RATE} orders/s for ${BUSY_SECONDS} s, with otelcol validate run during it`);
  let validateKb = 0;
  const busy = await sample(processes, async () => {
    const load = pacedLoad(stack.gatewayUrl, BUSY_RATE, BUSY_SECONDS);
    await sleep(BUSY_SECONDS * 500);
    validateKb = await validatePeak(findTool('otelcol'));
    return load;
  });
  results.busy = busy.peak;
  results.busyStatuses = busy.result;
  results.collectorValidatePeakMiB = mib(validateKb);
} finally {
  await stack?.stop();
  await pipeline?.stop();
  // runuser may not pass the signal on: stop the postmaster itself (fast shutdown).
  try {
    process.kill(Number(readFileSync(join(postgres.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGINT');
  } catch {
    postgres.server.kill('SIGINT');
  }
  await sleep(2000);
  rmSync(postgres.dir, { recursive: true, force: true });
}

const names = Object.keys(results.busy);
const row = (name) => {
  const cell = (phase) => `${mib(results[phase][name].rss)} / ${mib(results[phase][name].private)}`;
  return `| ${name} | ${cell('idle')} | ${cell('baseline')} | ${cell('busy')} | ${mib(results.busy[name].pss)} |`;
};
const total = (phase, key) => mib(names.reduce((sum, name) => sum + results[phase][name][key], 0));
const markdown = [
  `# Memory of the stack, ${results.date}`,
  '',
  `Machine: ${results.machine.cpus} CPUs, Node ${results.machine.node}. Loaded phases: ${RATE} orders/s for ${SECONDS} s and ${BUSY_RATE} orders/s for ${BUSY_SECONDS} s (answers: ${JSON.stringify(results.baselineStatuses)}, ${JSON.stringify(results.busyStatuses)}).`,
  'Each cell: peak RSS / peak private MiB (Postgres and RabbitMQ: all their processes summed).',
  '',
  `| process | idle | ${RATE}/s | ${BUSY_RATE}/s | PSS at ${BUSY_RATE}/s |`,
  '|---|---|---|---|---|',
  ...names.map(row),
  `| **total** | ${total('idle', 'rss')} / ${total('idle', 'private')} | ${total('baseline', 'rss')} / ${total('baseline', 'private')} | ${total('busy', 'rss')} / ${total('busy', 'private')} | ${total('busy', 'pss')} |`,
  '',
  `\`otelcol validate\` (the former collector healthcheck) peaks at ${results.collectorValidatePeakMiB} MiB RSS.`,
  '',
].join('\n');
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const stamp = results.date.replace(/[:.]/g, '-');
writeFileSync(join(root, 'bench', 'results', `memory-${stamp}.json`), JSON.stringify(results, null, 2));
writeFileSync(join(root, 'bench', 'results', `memory-${stamp}.md`), markdown);
console.log(`\n${markdown}`);
