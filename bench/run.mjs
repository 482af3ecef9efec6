#!/usr/bin/env node
// `pnpm bench`: the local stack under HTTP load (autocannon), traced and untraced in one run.
// Writes bench/results/<timestamp>.json and .md. Not a test: it prints figures.
//   BENCH_MAX_SECONDS (20)   length of each max-throughput phase
//   BENCH_RATE (200)         orders/s of the steady phase
//   BENCH_RATE_SECONDS (60)  length of the steady phase
//   BENCH_CONNECTIONS (32)   concurrent connections of the max-throughput phases
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const autocannon = require('autocannon');
const { ensureVhost, startStack } = require(join(root, 'packages/local-stack/dist/index.js'));
const { startReceiver } = require(join(root, 'packages/otlp-receiver/dist/index.js'));

const num = (name, fallback) => Number(process.env[name] ?? fallback);
const MAX_SECONDS = num('BENCH_MAX_SECONDS', 20);
const RATE = num('BENCH_RATE', 200);
const RATE_SECONDS = num('BENCH_RATE_SECONDS', 60);
const CONNECTIONS = num('BENCH_CONNECTIONS', 32);
const PORT_OFFSET = 200; // gateway on 8280, beside a dev stack and the e2e stack
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tracelab_bench';
const VHOST = 'tracelab_bench';
// The heap caps the containers run with (docker-compose.yml), so RSS figures mean the same thing.
const NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS ?? '--max-old-space-size=64 --max-semi-space-size=4';
const SKUS = ['TL-MUG', 'TL-TEE', 'TL-HOODIE', 'TL-STICKERS', 'TL-CAP', 'TL-BOOK', 'TL-SOCKS'];

function orderBody(i) {
  return JSON.stringify({
    customerId: `cust-${String(1 + (i % 500)).padStart(4, '0')}`,
    items: [{ sku: SKUS[i % SKUS.length], quantity: 1 + (i % 3) }],
    card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  });
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

/** One load phase; latencies are recorded per response so p95 is exact. */
async function load(gatewayUrl, { duration, connections, overallRate }) {
  let counter = 0;
  const latencies = [];
  const instance = autocannon({
    url: gatewayUrl,
    duration,
    connections,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json', baggage: 'synthetic=true,shop.scenario=bench' },
        setupRequest: (request) => ({ ...request, body: orderBody(counter++) }),
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const ok = result['2xx'];
  return {
    seconds: duration,
    requests: result.requests.total,
    ordersPerSecond: +(ok / duration).toFixed(1),
    ok,
    errors: result.non2xx + result.errors + result.timeouts,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? 0 },
  };
}

function rssMb(stack) {
  const out = {};
  for (const service of stack.services) {
    const status = readFileSync(`/proc/${service.process.pid}/status`, 'utf8');
    const kb = (key) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
    // anon: the process's own memory; the rest of RSS is the node binary's pages, shared by all six
    out[service.name] = { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024), anon: Math.round(kb('RssAnon') / 1024) };
  }
  const sum = (key) => Object.values(out).reduce((total, m) => total + m[key], 0);
  return { perService: out, totalMb: sum('rss'), peakTotalMb: sum('peak'), anonTotalMb: sum('anon') };
}

async function waitQuiet(receiver, ms = 3000) {
  let last = -1;
  while (receiver.spans().length !== last) {
    last = receiver.spans().length;
    await new Promise((r) => setTimeout(r, ms));
  }
  return last;
}

async function withStack(env, fn) {
  const stack = await startStack({
    portOffset: PORT_OFFSET,
    // A vhost of its own: no other stack on the broker consumes the benchmark's messages.
    env: { DATABASE_URL, AMQP_URL: ensureVhost(VHOST), LOG_LEVEL: 'warn', NODE_OPTIONS, ...env },
    readyTimeoutMs: 300000,
  });
  try {
    // warm-up: JIT, connection pools, gRPC channels
    console.log('stack ready, warming up');
    await load(stack.gatewayUrl, { duration: 3, connections: 8 });
    return await fn(stack);
  } finally {
    await stack.stop();
  }
}

const receiver = await startReceiver({ keepRawBodies: false });
const tracedEnv = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' };
const results = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, nodeOptions: NODE_OPTIONS };

console.log(`\n== traced: max throughput (${MAX_SECONDS} s, ${CONNECTIONS} connections) and ${RATE} orders/s for ${RATE_SECONDS} s`);
await withStack(tracedEnv, async (stack) => {
  // spans per order, measured on one order
  receiver.clear();
  const probe = await fetch(`${stack.gatewayUrl}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: orderBody(7) });
  const probeTrace = probe.headers.get('x-trace-id');
  const answered = Date.now();
  // time from the order's answer until its notification span (the trace's last) has been exported
  await receiver.waitFor((spans) => spans.some((s) => s.traceId === probeTrace && s.name === 'notification.send'), 10000, 'probe trace');
  results.traceArrivalMs = Date.now() - answered;
  console.log(`probe trace complete ${results.traceArrivalMs} ms after the answer`);
  await waitQuiet(receiver, 1500);
  const spansPerOrder = receiver.trace(probeTrace).length;

  results.tracedMax = await load(stack.gatewayUrl, { duration: MAX_SECONDS, connections: CONNECTIONS });
  console.log(results.tracedMax);
  await waitQuiet(receiver);
  receiver.clear();
  results.tracedRate = await load(stack.gatewayUrl, { duration: RATE_SECONDS, connections: 64, overallRate: RATE });
  const received = await waitQuiet(receiver);
  const expected = results.tracedRate.ok * spansPerOrder;
  results.tracedRate.spans = { perOrder: spansPerOrder, expectedAtLeast: expected, received, dropped: Math.max(0, expected - received) };
  results.tracedRate.rss = rssMb(stack);
  console.log(results.tracedRate);
});
await receiver.close();

console.log(`\n== untraced (OTEL_SDK_DISABLED=true): max throughput (${MAX_SECONDS} s, ${CONNECTIONS} connections)`);
await withStack({ OTEL_SDK_DISABLED: 'true' }, async (stack) => {
  results.untracedMax = await load(stack.gatewayUrl, { duration: MAX_SECONDS, connections: CONNECTIONS });
  results.untracedMax.rss = rssMb(stack);
  console.log(results.untracedMax);
});

const ratio = +(results.tracedMax.ordersPerSecond / results.untracedMax.ordersPerSecond).toFixed(3);
const targets = [
  ['throughput traced / untraced ≥ 0.90', `${ratio}`, ratio >= 0.9],
  [`spans dropped at ${RATE} orders/s for ${RATE_SECONDS} s = 0`, `${results.tracedRate.spans.dropped}`, results.tracedRate.spans.dropped === 0],
  ['traced max ≥ 400 orders/s', `${results.tracedMax.ordersPerSecond}`, results.tracedMax.ordersPerSecond >= 400],
  ['traced max p99 ≤ 200 ms', `${results.tracedMax.latencyMs.p99} ms`, results.tracedMax.latencyMs.p99 <= 200],
  ['full trace exported within 2 s of the answer', `${results.traceArrivalMs} ms`, results.traceArrivalMs <= 2000],
  [
    `six services RSS ≤ 600 MB (after the ${RATE}/s phase)`,
    `${results.tracedRate.rss.totalMb} MB (peak ${results.tracedRate.rss.peakTotalMb} MB; private ${results.tracedRate.rss.anonTotalMb} MB)`,
    results.tracedRate.rss.totalMb <= 600,
  ],
];
results.targets = targets.map(([target, measured, met]) => ({ target, measured, met }));

const row = (name, r) => `| ${name} | ${r.ordersPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.errors} |`;
const md = [
  `# Benchmark ${results.date}`,
  '',
  `${results.machine.cpus} CPUs, Node ${results.machine.node}, services with NODE_OPTIONS="${NODE_OPTIONS}" (as in compose); load generator on the same machine.`,
  '',
  '| phase | orders/s | p50 ms | p95 ms | p99 ms | errors |',
  '|---|---|---|---|---|---|',
  row(`traced, max (${CONNECTIONS} conns, ${MAX_SECONDS} s)`, results.tracedMax),
  row(`traced, ${RATE}/s for ${RATE_SECONDS} s`, results.tracedRate),
  row(`untraced, max (${CONNECTIONS} conns, ${MAX_SECONDS} s)`, results.untracedMax),
  '',
  `Spans at ${RATE}/s: ${results.tracedRate.spans.received} received, ${results.tracedRate.spans.expectedAtLeast} expected (${results.tracedRate.spans.perOrder} per order), ${results.tracedRate.spans.dropped} dropped.`,
  '',
  '| service | RSS MB (traced) | peak MB | private (anon) MB | RSS MB (untraced) |',
  '|---|---|---|---|---|',
  ...Object.entries(results.tracedRate.rss.perService).map(
    ([name, m]) => `| ${name} | ${m.rss} | ${m.peak} | ${m.anon} | ${results.untracedMax.rss.perService[name].rss} |`,
  ),
  `| **total** | ${results.tracedRate.rss.totalMb} | ${results.tracedRate.rss.peakTotalMb} | ${results.tracedRate.rss.anonTotalMb} | ${results.untracedMax.rss.totalMb} |`,
  '',
  '| target | measured | met |',
  '|---|---|---|',
  ...results.targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
  '',
].join('\n');

const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const stamp = results.date.replace(/[:.]/g, '-');
writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(results, null, 2));
writeFileSync(join(dir, `${stamp}.md`), md);
console.log(`\n${md}\nwritten to bench/results/${stamp}.{json,md}`);
