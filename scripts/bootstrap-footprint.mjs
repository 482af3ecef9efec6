#!/usr/bin/env node
// `node scripts/bootstrap-footprint.mjs`: what each telemetry bootstrap costs the six services
// (docs/telemetry.md, "Two bootstraps"). Not a test and not the benchmark (bench/ paces load and
// reports CPU properly): a quick side-by-side that starts the stack once per bootstrap and reads
//   - memory after start and after the orders: VmRSS and RssAnon from /proc/<pid>/status, and
//     private memory (Private_Clean + Private_Dirty) from /proc/<pid>/smaps_rollup
//   - CPU (utime + stime from /proc/<pid>/stat) spent while FOOTPRINT_ORDERS orders are placed one
//     after the other, divided by the orders, after FOOTPRINT_WARMUP orders that are not counted
//   - the spans one order makes
// Its own ports (+600), database and vhost (tracelab_autoboot, shared with e2e/trace/auto-bootstrap
// .spec.ts: run it under the e2e lock), spans into an OTLP/HTTP JSON receiver on 14918.
//   FOOTPRINT_ORDERS (200)         orders per bootstrap
//   FOOTPRINT_WARMUP (50)          orders before the count starts (JIT, connection pools)
//   FOOTPRINT_BOOTSTRAPS (lean,auto)
//   FOOTPRINT_NODE_OPTIONS         NODE_OPTIONS of the services, e.g. compose's heap caps
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const require = createRequire(import.meta.url);
const { ensureVhost, startStack } = require(join(root, 'packages/local-stack/dist/index.js'));
const { startReceiver } = require(join(root, 'packages/otlp-receiver/dist/index.js'));
const { Client } = require('pg');

const ORDERS = Number(process.env.FOOTPRINT_ORDERS ?? 200);
const WARMUP = Number(process.env.FOOTPRINT_WARMUP ?? 50);
const BOOTSTRAPS = (process.env.FOOTPRINT_BOOTSTRAPS ?? 'lean,auto').split(',');
const NAME = 'tracelab_autoboot';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${NAME}`;
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const SKUS = ['TL-MUG', 'TL-TEE', 'TL-HOODIE', 'TL-STICKERS', 'TL-CAP'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mib = (kib) => (kib / 1024).toFixed(1);

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (text, key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { rss: kib(status, 'VmRSS'), anon: kib(status, 'RssAnon'), private: kib(rollup, 'Private_Clean') + kib(rollup, 'Private_Dirty') };
}

/** utime + stime in ms; fields counted after the name's last ')' as in proc(5). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function freshDatabase() {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.end();
}

async function placeOrder(gateway, i) {
  const response = await fetch(`${gateway}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      customerId: `cust-${String(i % 100).padStart(4, '0')}`,
      items: [{ sku: SKUS[i % SKUS.length], quantity: 1 }],
      card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
    }),
  });
  await response.text();
  if (response.status !== 201) throw new Error(`order ${i}: ${response.status}`);
  return response.headers.get('x-trace-id');
}

async function measure(bootstrap) {
  await freshDatabase();
  const receiver = await startReceiver({ port: 14918 });
  const started = Date.now();
  const stack = await startStack({
    portOffset: 600,
    logDir: join(root, '.e2e', 'autoboot', `footprint-${bootstrap}`),
    readyTimeoutMs: 180000,
    env: {
      TRACELAB_TELEMETRY: bootstrap,
      DATABASE_URL,
      AMQP_URL: ensureVhost(NAME),
      LOG_LEVEL: 'info',
      FRAUD_RISK_ROWS: '20000',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      ...(process.env.FOOTPRINT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.FOOTPRINT_NODE_OPTIONS } : {}),
    },
  });
  const readyMs = Date.now() - started;
  try {
    await sleep(5000); // start-up work and its spans settle
    const pids = Object.fromEntries(stack.services.map((s) => [s.name, s.process.pid]));
    const afterStart = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, memory(pid)]));
    for (let i = 0; i < WARMUP; i++) await placeOrder(stack.gatewayUrl, ORDERS + i);
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
    let lastTrace;
    for (let i = 0; i < ORDERS; i++) lastTrace = await placeOrder(stack.gatewayUrl, i);
    await sleep(2000); // the last batches leave
    const cpuPerOrder = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, (cpuMs(pid) - cpuBefore[name]) / ORDERS]));
    const afterOrders = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, memory(pid)]));
    return { bootstrap, readyMs, afterStart, afterOrders, cpuPerOrder, spansPerOrder: receiver.trace(lastTrace).length };
  } finally {
    await stack.stop();
    await receiver.close();
  }
}

const results = [];
for (const bootstrap of BOOTSTRAPS) {
  console.error(`measuring ${bootstrap}: start, ${ORDERS} orders ...`);
  results.push(await measure(bootstrap));
}

const services = Object.keys(results[0].afterStart);
const sum = (record, pick) => Object.values(record).reduce((total, value) => total + pick(value), 0);
console.log(`\n${WARMUP} + ${ORDERS} orders placed one after the other per bootstrap; memory in MiB, CPU in ms per counted order.\n`);
console.log('| service | bootstrap | RSS after start | RssAnon after start | private after start | RSS after orders | RssAnon after orders | CPU per order |');
console.log('|---|---|---|---|---|---|---|---|');
for (const service of [...services, 'all six']) {
  for (const r of results) {
    const pick = (record, key) => (service === 'all six' ? sum(record, (m) => m[key]) : record[service][key]);
    const cpu = service === 'all six' ? sum(r.cpuPerOrder, (v) => v) : r.cpuPerOrder[service];
    console.log(
      `| ${service} | ${r.bootstrap} | ${mib(pick(r.afterStart, 'rss'))} | ${mib(pick(r.afterStart, 'anon'))} | ${mib(pick(r.afterStart, 'private'))} | ${mib(pick(r.afterOrders, 'rss'))} | ${mib(pick(r.afterOrders, 'anon'))} | ${cpu.toFixed(2)} |`,
    );
  }
}
console.log('');
for (const r of results) console.log(`${r.bootstrap}: all six ready in ${(r.readyMs / 1000).toFixed(1)} s, ${r.spansPerOrder} spans in the last order's trace`);
process.exit(0);
