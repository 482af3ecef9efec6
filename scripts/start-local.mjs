#!/usr/bin/env node
// `pnpm start:local`: builds what it needs, then runs the tracing pipeline and the six services
// against the local Postgres and RabbitMQ (migrations and seed data included) until Ctrl-C.
//
// Pipeline: when `otelcol` and `jaeger` are built (`pnpm tools:build`, .tools/bin) or on PATH, they
// run with the very files docker-compose.yml mounts (deploy/otel-collector/config.yaml,
// deploy/jaeger/config.yaml; local ports through their environment variables), Prometheus and
// VictoriaLogs too when built, and the services export traces and logs over OTLP http/protobuf to
// the collector as in compose. Without them, an embedded OTLP/HTTP JSON receiver takes the spans
// and log records (pnpm lab doctor --source local reads both). Saving deploy/otel-collector/config.yaml
// reloads the Collector (the pipeline labs). OTEL_EXPORTER_OTLP_ENDPOINT set by
// you wins over both: then nothing is started for the traces.
//
// Terminal: one readable line per log event (pino-pretty), coloured on a terminal; `--json` or
// TRACELAB_LOGS=json prints the raw JSON lines instead, QUIET=1 none. Every service's and tool's
// full output goes to .local/logs/<name>.log. Once ready, a banner lists every URL, and
// .local/stack.json tells `pnpm lab` that local mode runs (removed on stop).
// TRACELAB_PORT_OFFSET moves every port (beside a compose stack, or in tests); TRACELAB_LOCAL_DIR
// moves .local.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: pnpm start:local [--json]   (--json, or TRACELAB_LOGS=json: the raw JSON log lines on the terminal)';
const args = process.argv.slice(2).filter((arg) => arg !== '--');
if (args.some((arg) => arg !== '--json') || !['', 'json', 'pretty'].includes(process.env.TRACELAB_LOGS ?? '')) {
  console.error(USAGE);
  process.exit(2);
}
const offset = Number(process.env.TRACELAB_PORT_OFFSET ?? 0);
if (!Number.isInteger(offset) || offset < 0 || offset > 20000) {
  console.error(`TRACELAB_PORT_OFFSET must be a whole number from 0 to 20000 (got ${process.env.TRACELAB_PORT_OFFSET})`);
  process.exit(2);
}
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
const require = createRequire(import.meta.url);
const { startStack, startPipeline, findTool, prettyLines, wantsColour, localLinks, readyBanner, localDir, writeLocalState, clearLocalState, watchCollectorConfig } = require(
  join(root, 'packages/local-stack/dist/index.js'),
);
const { startReceiver } = require(join(root, 'packages/otlp-receiver/dist/index.js'));

const stateDir = localDir(root);
const logDir = join(stateDir, 'logs');
/** A path as the learner types it: from the repository when inside it. */
const shown = (path) => (relative(root, path).startsWith('..') ? path : relative(root, path));
const colorize = wantsColour(process.stdout);
const json = args.includes('--json') || process.env.TRACELAB_LOGS === 'json';
const cleanups = [() => Promise.resolve(clearLocalState(stateDir))];
const env = {};
/** What the banner and `pnpm lab` are told about the traces. */
let traces;
let pipeline;
let receiverUrl;

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
  traces = { store: 'external', url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT };
  console.log(`traces go to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT} (OTEL_EXPORTER_OTLP_ENDPOINT is set: no pipeline started)`);
} else if (findTool('otelcol', root) && findTool('jaeger', root)) {
  pipeline = await startPipeline({ root, logDir, portOffset: offset, readyTimeoutMs: 60_000 });
  traces = { store: 'jaeger', url: pipeline.jaegerUrl };
  cleanups.push(() => pipeline.stop());
  Object.assign(env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: pipeline.otlpHttpUrl,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
    // The console's trace page (/console/traces/<id>) reads Jaeger's api/v3: its own UI is a placeholder when built from source.
    TRACE_SOURCE: 'jaeger',
    JAEGER_QUERY_URL: pipeline.jaegerUrl,
    // ... and each trace's log lines from VictoriaLogs when it is built.
    ...(pipeline.victoriaLogsUrl ? { LOG_STORE: 'victorialogs', LOG_STORE_URL: pipeline.victoriaLogsUrl } : {}),
  });
  console.log(
    `pipeline up: collector ${pipeline.otlpHttpUrl} (span metrics ${pipeline.spanmetricsUrl}), ` +
      `Jaeger API ${pipeline.jaegerUrl}${pipeline.prometheusUrl ? `, Prometheus ${pipeline.prometheusUrl}` : ''}` +
      `${pipeline.victoriaLogsUrl ? `, VictoriaLogs ${pipeline.victoriaLogsUrl}/select/vmui/` : " (VictoriaLogs not built: the services' log records are not stored)"}; logs in ${shown(logDir)}/`,
  );
  // Say once which tool exited or stopped answering its health check, and where its log is.
  const failing = new Map();
  const reported = new Set();
  const impact = {
    otelcol: 'no span or log record reaches Jaeger or VictoriaLogs',
    jaeger: 'traces are not being stored',
    prometheus: "Jaeger's Monitor tab gets no metrics",
    victorialogs: 'log records wait in the collector for up to 60 s, then are dropped',
  };
  const report = (tool, why, logFile, lines) => {
    // A Ctrl-C stops the tools on purpose: that is no failure to report.
    if (reported.has(tool) || stopping) return;
    reported.add(tool);
    console.error(`\n${tool} ${why}: ${impact[tool]}. Its log: ${shown(logFile)}\n${lines.slice(-5).join('\n')}`);
  };
  const watch = setInterval(async () => {
    if (stopping) return;
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
  // The pipeline labs (docs/workshop/) have you edit the Collector's file: a save reloads it, as
  // `docker compose restart otel-collector` does in compose, but a file that does not load leaves
  // the running Collector alone.
  const configFile = join(root, 'deploy', 'otel-collector', 'config.yaml');
  const reloads = watchCollectorConfig(pipeline, {
    file: configFile,
    root,
    onReload: (event) => {
      const file = shown(configFile);
      if (event.outcome === 'reloaded') console.log(`\ncollector: ${file} changed, reloaded`);
      else if (event.outcome === 'refused') console.error(`\ncollector: ${file} does not load; the running Collector keeps its last good configuration:\n  ${event.error}`);
      else console.error(`\ncollector: ${file} loaded but the Collector did not start with it (${event.error}); it runs the last good configuration again`);
    },
  });
  cleanups.unshift(() => reloads.stop());
} else {
  const receiver = await startReceiver({ port: 4318 + offset, keepRawBodies: false });
  receiverUrl = receiver.url;
  traces = { store: 'receiver', url: receiver.url };
  cleanups.push(() => receiver.close());
  Object.assign(env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', TRACE_SOURCE: 'local', TRACE_RECEIVER_URL: receiver.url, LOG_STORE: 'local' });
  console.log(`otelcol/jaeger not built (pnpm tools:build): spans and log records go to the embedded receiver ${receiver.url} (read them with pnpm lab doctor --source local)`);
}

console.log(`starting six services (the first start seeds 2M risk rows); full logs in ${shown(logDir)}/`);
const stack = await startStack({
  env,
  portOffset: offset,
  logDir,
  inheritOutput: process.env.QUIET === '1' ? false : json ? true : prettyLines({ colorize }),
  readyTimeoutMs: 300000,
});
cleanups.unshift(() => stack.stop());
if (stopping) await stop();

const links = localLinks({
  gatewayUrl: stack.gatewayUrl,
  adminToken: process.env.ADMIN_TOKEN ?? 'workshop',
  ports: pipeline?.ports,
  tools: pipeline?.processes.map((p) => p.name) ?? [],
  receiverUrl,
  logDir: shown(logDir),
});
writeLocalState(stateDir, { pid: process.pid, gatewayUrl: stack.gatewayUrl, traces, links, startedAt: new Date().toISOString() });
const pipelineWords = pipeline
  ? `the real pipeline (Collector → Jaeger${pipeline.prometheusUrl ? ', Prometheus' : ''})`
  : traces.store === 'receiver'
    ? 'spans in the embedded receiver'
    : `spans to ${traces.url}`;
console.log(
  readyBanner(
    `tracelab is ready (local mode): six services, ${pipelineWords}`,
    links,
    [
      'place an order: the console\'s "Place a test order" (or POST /orders, docs/api.md); its log lines follow below',
      `labs: pnpm lab workshop list   ·   ${json ? 'logs as raw JSON (--json)' : 'raw JSON logs: pnpm start:local --json'}   ·   Ctrl-C stops everything`,
    ],
    { colorize },
  ),
);
