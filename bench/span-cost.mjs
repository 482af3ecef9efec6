#!/usr/bin/env node
// `pnpm bench:spans`: what a span costs the OpenTelemetry SDK by itself, outside any service and
// any instrumentation, so the tracing overhead `pnpm bench` measures can be set against it:
//   none      the same process and timer placing orders of no span: what a Node process costs
//             at 20 wake-ups a second, subtracted from the others
//   bare      started and ended, no span processor
//   held      the batch processor holds it and a no-op exporter drops it
//   exported  the services' own pipeline (baggage and context processors, batch processor,
//             card-number redaction, OTLP http/json) into the OTLP receiver, its own process
// Each variant runs in a fresh Node process with compose's heap caps and the image's allocator,
// placing "orders" of BENCH_SPANS_PER_ORDER spans (27, as one checkout) at 20 per second.
// Not a test: it prints figures.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocatorEnv, benchAllocator, CONTAINER_NODE_OPTIONS } from './lib/service-env.mjs';
import { startReceiverChild } from './lib/receiver-child.mjs';
import { median } from './lib/stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPANS_PER_ORDER = Number(process.env.BENCH_SPANS_PER_ORDER ?? 27);
const ORDERS_PER_SECOND = 20;
const SECONDS = Number(process.env.BENCH_SPANS_SECONDS ?? 15);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const VARIANTS = ['none', 'bare', 'held', 'exported'];
const run = promisify(execFile);

/** One variant, in this process: CPU ms per order over SECONDS after 3 s of warm-up. */
async function child(variant) {
  const require = createRequire(join(root, 'packages/telemetry/package.json'));
  const { TracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace');
  const { trace, ROOT_CONTEXT } = require('@opentelemetry/api');
  const dropping = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
  const pipeline = require(join(root, 'packages/telemetry/dist/span-pipeline.js'));
  const processors = {
    none: () => [],
    bare: () => [],
    held: () => [new BatchSpanProcessor({ exporter: dropping, ...pipeline.batchSettings() })],
    exported: () => pipeline.createSpanProcessors(),
  }[variant]();
  const provider = new TracerProvider({ spanProcessors: processors });
  const tracer = provider.getTracer('span-cost');

  // One checkout's shape: a server span, then children with the attributes our spans carry.
  const order = (n) => {
    if (variant === 'none') return;
    const rootSpan = tracer.startSpan('POST /orders', { kind: 1, attributes: { 'http.request.method': 'POST', 'url.path': '/orders', 'http.route': '/orders', 'server.address': '127.0.0.1', 'server.port': 8080 } });
    const parent = trace.setSpan(ROOT_CONTEXT, rootSpan);
    for (let i = 1; i < SPANS_PER_ORDER; i++) {
      const span = tracer.startSpan('pg.query:SELECT tracelab', { kind: 2, attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'tracelab', 'db.query.text': 'SELECT id, status, total_cents FROM orders WHERE id = $1', 'server.address': '127.0.0.1', 'server.port': 5432, 'shop.order.id': `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` } }, parent);
      span.setAttribute('db.response.returned_rows', 1);
      span.end();
    }
    rootSpan.setAttribute('http.response.status_code', 201);
    rootSpan.end();
  };

  let placed = 0;
  const timer = setInterval(() => order(placed++), 1000 / ORDERS_PER_SECOND);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const [cpu0, orders0] = [process.cpuUsage(), placed];
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const cpu = process.cpuUsage(cpu0);
  const orders = placed - orders0;
  clearInterval(timer);
  await provider.shutdown();
  process.stdout.write(JSON.stringify({ variant, orders, cpuMsPerOrder: (cpu.user + cpu.system) / 1000 / orders }));
}

async function main() {
  const receiver = await startReceiverChild(root);
  const env = { ...process.env, ...allocatorEnv(benchAllocator()), NODE_OPTIONS: CONTAINER_NODE_OPTIONS, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' };
  const results = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  try {
    // Variants take turns, so a slow stretch of a shared machine falls on all of them.
    for (let repeat = 1; repeat <= REPEAT; repeat++) {
      for (const variant of VARIANTS) {
        // Not execFileSync: a blocked event loop would keep fetch's idle connections to the
        // receiver past the receiver's keep-alive timeout, and the next request would find one closed.
        const { stdout } = await run(process.execPath, [fileURLToPath(import.meta.url), '--child', variant], { env });
        const { cpuMsPerOrder, orders } = JSON.parse(stdout);
        results[variant].push(cpuMsPerOrder);
        let arrived = '';
        if (variant === 'exported') {
          // Every exported span must have arrived, or the figure would flatter the pipeline.
          arrived = `; ${await receiver.settle(1000)} spans received for at least ${orders * SPANS_PER_ORDER} measured`;
          await receiver.clear();
        }
        console.log(`[spans] repeat ${repeat}/${REPEAT}: ${variant} ${cpuMsPerOrder.toFixed(3)} ms per order of ${variant === 'none' ? 0 : SPANS_PER_ORDER} spans${arrived}`);
      }
    }
  } finally {
    await receiver.stop();
  }
  const none = median(results.none);
  const rows = VARIANTS.map((v) => {
    const ms = median(results[v]);
    const above = v === 'none' ? '– | –' : `${(ms - none).toFixed(2)} | ${(((ms - none) * 1000) / SPANS_PER_ORDER).toFixed(1)}`;
    return `| ${v} | ${ms.toFixed(2)} | ${above} |`;
  });
  console.log(
    [
      '',
      `Span cost, medians of ${REPEAT} (${ORDERS_PER_SECOND} orders/s of ${SPANS_PER_ORDER} spans for ${SECONDS} s; NODE_OPTIONS="${CONTAINER_NODE_OPTIONS}", ${benchAllocator()})`,
      '"above none" is what the spans cost: the process with its timer and no span is subtracted.',
      '',
      '| variant | process CPU ms per order | above none: ms per order | above none: µs per span |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else await main();
