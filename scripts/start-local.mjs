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
  Object.assign(env, { OTEL_EXPORTER_OTLP_ENDPOINT: pipeline.otlpHttpUrl, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' });
  console.log(
    `pipeline up: collector ${pipeline.otlpHttpUrl} (span metrics ${pipeline.spanmetricsUrl}), ` +
      `Jaeger API ${pipeline.jaegerUrl}${pipeline.prometheusUrl ? `, Prometheus ${pipeline.prometheusUrl}` : ''}; logs in ${relative(root, logDir)}/`,
  );
  const watch = setInterval(() => {
    const dead = pipeline.exited();
    if (!dead) return;
    clearInterval(watch);
    const code = dead.process.exitCode ?? dead.process.signalCode;
    console.error(`\n${dead.tool} exited (${code}): traces are not being stored. Its log: ${relative(root, dead.logFile)}\n${dead.logs.slice(-5).join('\n')}`);
  }, 1000);
  watch.unref();
} else {
  const receiver = await startReceiver({ port: 4318, keepRawBodies: false });
  cleanups.push(() => receiver.close());
  Object.assign(env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' });
  console.log(`otelcol/jaeger not built (pnpm tools:build): spans go to the embedded receiver ${receiver.url} (read them with pnpm lab doctor --source local)`);
}

console.log('starting six services (the first start seeds 2M risk rows)');
const stack = await startStack({ env, inheritOutput: process.env.QUIET !== '1', readyTimeoutMs: 300000 });
cleanups.unshift(() => stack.stop());
if (stopping) await stop();
console.log(`\nready: gateway on ${stack.gatewayUrl}  (try: curl ${stack.gatewayUrl}/products)\n`);
