#!/usr/bin/env node
// `pnpm start:local`: builds what it needs, then runs the tracing pipeline and the six services
// against the local Postgres and RabbitMQ (migrations and seed data included) until Ctrl-C.
//
// Pipeline: when `otelcol` and `jaeger` are built (`pnpm tools:build`, .tools/bin) or on PATH, they
// run with the very files docker-compose.yml mounts (deploy/otel-collector/config.yaml,
// deploy/jaeger/config.yaml; local ports through their environment variables), Prometheus too
// when built, and the services export OTLP http/protobuf to the collector as in compose. Without
// them, an embedded OTLP/HTTP JSON receiver takes the spans. OTEL_EXPORTER_OTLP_ENDPOINT set by
// you wins over both: then nothing is started for the traces.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
const require = createRequire(import.meta.url);
const { startStack, startPipeline, findTool } = require(join(root, 'packages/local-stack/dist/index.js'));
const { startReceiver } = require(join(root, 'packages/otlp-receiver/dist/index.js'));

const logDir = join(root, '.local', 'logs');
const cleanups = [];
const env = {};

// Handlers first: a Ctrl-C or SIGTERM during a start that can take minutes (the first fraud seed)
// must still stop what is already running, services first so their last spans reach the collector.
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups) await cleanup().catch((error) => console.error(String(error)));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  console.log(`traces go to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT} (OTEL_EXPORTER_OTLP_ENDPOINT is set: no pipeline started)`);
} else if (findTool('otelcol', root) && findTool('jaeger', root)) {
  const pipeline = await startPipeline({ root, logDir, readyTimeoutMs: 60_000 });
  cleanups.push(() => pipeline.stop());
  Object.assign(env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: pipeline.otlpHttpUrl,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
    // The console's trace page (/console/traces/<id>) reads Jaeger's api/v3: its own UI is a placeholder when built from source.
    TRACE_SOURCE: 'jaeger',
    JAEGER_QUERY_URL: pipeline.jaegerUrl,
  });
  console.log(
    `pipeline up: collector ${pipeline.otlpHttpUrl} (span metrics ${pipeline.spanmetricsUrl}), ` +
      `Jaeger API ${pipeline.jaegerUrl}${pipeline.prometheusUrl ? `, Prometheus ${pipeline.prometheusUrl}` : ''}; logs in ${relative(root, logDir)}/`,
  );
  // Say once which tool exited or stopped answering its health check, and where its log is.
  const failing = new Map();
  const reported = new Set();
  const impact = { otelcol: 'no span reaches Jaeger', jaeger: 'traces are not being stored', prometheus: "Jaeger's Monitor tab gets no metrics" };
  const report = (tool, why, logFile, lines) => {
    if (reported.has(tool)) return;
    reported.add(tool);
    console.error(`\n${tool} ${why}: ${impact[tool]}. Its log: ${relative(root, logFile)}\n${lines.slice(-5).join('\n')}`);
  };
  const watch = setInterval(async () => {
    const dead = pipeline.exited();
    if (dead) report(dead.name, `exited (${dead.process.exitCode ?? dead.process.signalCode})`, dead.logFile, dead.logs);
    for (const [tool, url] of Object.entries(pipeline.healthUrls)) {
      const healthy = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      failing.set(tool, healthy ? 0 : (failing.get(tool) ?? 0) + 1);
      const running = pipeline.processes.find((p) => p.name === tool && p.process.exitCode === null);
      if (failing.get(tool) >= 3 && running) report(tool, `is not answering its health check (${url})`, running.logFile, running.logs);
    }
  }, 2000);
  watch.unref();
} else {
  const receiver = await startReceiver({ port: 4318, keepRawBodies: false });
  cleanups.push(() => receiver.close());
  Object.assign(env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', TRACE_SOURCE: 'local', TRACE_RECEIVER_URL: receiver.url, LOG_STORE: 'local' });
  console.log(`otelcol/jaeger not built (pnpm tools:build): spans go to the embedded receiver ${receiver.url} (read them with pnpm lab doctor --source local)`);
}

console.log('starting six services (the first start seeds 2M risk rows)');
const stack = await startStack({ env, inheritOutput: process.env.QUIET !== '1', readyTimeoutMs: 300000 });
cleanups.unshift(() => stack.stop());
if (stopping) await stop();
console.log(`\nready: gateway on ${stack.gatewayUrl}  (try: curl ${stack.gatewayUrl}/products)`);
console.log(`console: ${stack.gatewayUrl}/console (each trace at /console/traces/<trace id>)\n`);
