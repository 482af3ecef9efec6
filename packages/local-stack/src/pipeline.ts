import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hasExited, type LoggedChild, spawnLogged, stopChild, waitHealthy } from './child';
import { VICTORIALOGS_FLAGS, VICTORIALOGS_GOMEMLIMIT } from './victorialogs-settings';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/** The tracing pipeline of docker-compose.yml, as local processes: Collector, Jaeger v2, Prometheus, VictoriaLogs. */
export type PipelineTool = 'otelcol' | 'jaeger' | 'prometheus' | 'victorialogs';

/** Where each pipeline endpoint listens; compose's ports, moved by an offset for test stacks. */
export interface PipelinePorts {
  otlpGrpc: number;
  otlpHttp: number;
  collectorHealth: number;
  spanmetrics: number;
  collectorMetrics: number;
  /** Jaeger's own OTLP receiver (only the collector sends to it; 4317 is the collector's). */
  jaegerOtlp: number;
  jaegerQuery: number;
  jaegerQueryGrpc: number;
  jaegerHealth: number;
  prometheus: number;
  /** VictoriaLogs: OTLP logs in, LogsQL and its web UI out. */
  victorialogs: number;
}

export function pipelinePorts(offset = 0): PipelinePorts {
  const base: PipelinePorts = {
    otlpGrpc: 4317,
    otlpHttp: 4318,
    collectorHealth: 13133,
    spanmetrics: 8889,
    collectorMetrics: 8888,
    jaegerOtlp: 4327,
    jaegerQuery: 16686,
    jaegerQueryGrpc: 16685,
    jaegerHealth: 13134,
    prometheus: 9090,
    victorialogs: 9428,
  };
  return Object.fromEntries(Object.entries(base).map(([key, port]) => [key, port + offset])) as unknown as PipelinePorts;
}

/**
 * .tools/bin/<name> (built by `pnpm tools:build`), else <name> on PATH (unless `pinnedOnly`: tests
 * accept only the pinned build), else undefined.
 */
export function findTool(name: PipelineTool | string, root = repoRoot(), { pinnedOnly = false } = {}): string | undefined {
  const onPath = pinnedOnly ? [] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  const candidates = [join(root, '.tools', 'bin', name), ...onPath];
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface PipelineOptions {
  root?: string;
  portOffset?: number;
  /** Folder for otelcol.log, jaeger.log, prometheus.log (default: a temporary folder). */
  logDir?: string;
  /** A file of deploy/otel-collector/ (default config.yaml), as OTEL_COLLECTOR_CONFIG in compose, or an absolute path. */
  collectorConfig?: string;
  /** Environment of the collector: SAMPLING_PERCENTAGE, SLOW_TRACE_THRESHOLD_MS, TAIL_DECISION_WAIT. */
  collectorEnv?: Record<string, string>;
  /** Environment of Jaeger, e.g. JAEGER_MAX_TRACES. */
  jaegerEnv?: Record<string, string>;
  /** Start Prometheus for the Monitor tab: true requires it, false leaves it out, undefined = when built. */
  prometheus?: boolean;
  /** Start VictoriaLogs for the services' logs: true requires it, false leaves it out, undefined = when built. */
  victorialogs?: boolean;
  inheritOutput?: boolean;
  readyTimeoutMs?: number;
  /** Only the builds of .tools/bin, never a same-named program on PATH (test tiers). */
  pinnedOnly?: boolean;
}

export interface PipelineProcess extends LoggedChild {
  name: PipelineTool;
  logFile: string;
}

export interface Pipeline {
  ports: PipelinePorts;
  /** OTLP/HTTP endpoint for the services (OTEL_EXPORTER_OTLP_ENDPOINT). */
  otlpHttpUrl: string;
  jaegerUrl: string;
  spanmetricsUrl: string;
  prometheusUrl?: string;
  /** The Jaeger UI configuration this Jaeger serves (deploy/jaeger/ui-config.js for local ports). */
  jaegerUiConfigFile: string;
  /** VictoriaLogs' HTTP API and UI (/select/vmui/), when it runs. */
  victoriaLogsUrl?: string;
  processes: PipelineProcess[];
  /** Where each running tool answers its health check. */
  healthUrls: Partial<Record<PipelineTool, string>>;
  /** The first pipeline process that has exited, if any. */
  exited(): PipelineProcess | undefined;
  /** Restarts the collector with another config file (as collectorConfig) or environment (sampling settings). */
  restartCollector(options: { config?: string; env?: Record<string, string> }): Promise<void>;
  /** Stops VictoriaLogs (an outage; its data stays) or starts it again on the same data. */
  setVictoriaLogsRunning(running: boolean): Promise<void>;
  stop(): Promise<void>;
}

function repoRoot(): string {
  return resolve(__dirname, '..', '..', '..');
}

/**
 * Compose's GOMEMLIMIT, so local memory behaves as in the containers (Prometheus sets its own to
 * 90 % of the container's 80 MiB; no cgroup limit here, so it is given).
 */
const GOMEMLIMIT = { otelcol: '72MiB', jaeger: '128MiB', prometheus: '72MiB', victorialogs: VICTORIALOGS_GOMEMLIMIT } as const;

/**
 * docker-compose.yml's VictoriaLogs arguments, with a data folder and listen address of this
 * machine: seven days of logs, at most 1 GiB of disk, caches sized for its container.
 */
export function victoriaLogsArgs(dataDir: string, listen: string): string[] {
  return [`-storageDataPath=${dataDir}`, `-httpListenAddr=${listen}`, ...VICTORIALOGS_FLAGS];
}

function spawnTool(tool: PipelineTool, binary: string, args: string[], env: Record<string, string>, logDir: string, inheritOutput: boolean): PipelineProcess {
  const child = spawnLogged(tool, binary, args, {
    env: { ...process.env, GOMEMLIMIT: GOMEMLIMIT[tool], ...env },
    logDir,
    // A restarted collector adds to its log; long runs keep only the last lines in memory.
    append: true,
    inheritOutput,
    maxLines: 2000,
  });
  return { ...child, name: tool, logFile: child.logFile! };
}

function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/**
 * deploy/prometheus/prometheus.yml with the compose host names of its scrape targets replaced by
 * this machine's ports: Prometheus cannot read environment variables in scrape targets.
 */
export function localPrometheusConfig(root: string, ports: PipelinePorts): string {
  const source = readFileSync(join(root, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8');
  return source
    .replaceAll("'otel-collector:8889'", `'127.0.0.1:${ports.spanmetrics}'`)
    .replaceAll("'otel-collector:8888'", `'127.0.0.1:${ports.collectorMetrics}'`);
}

/** The environment that points deploy/otel-collector/*.yaml at local ports (compose uses the defaults). */
export function collectorEnv(ports: PipelinePorts): Record<string, string> {
  return {
    OTELCOL_OTLP_GRPC_ENDPOINT: `127.0.0.1:${ports.otlpGrpc}`,
    OTELCOL_OTLP_HTTP_ENDPOINT: `127.0.0.1:${ports.otlpHttp}`,
    OTELCOL_HEALTH_ENDPOINT: `127.0.0.1:${ports.collectorHealth}`,
    OTELCOL_JAEGER_ENDPOINT: `127.0.0.1:${ports.jaegerOtlp}`,
    OTELCOL_SPANMETRICS_ENDPOINT: `127.0.0.1:${ports.spanmetrics}`,
    OTELCOL_METRICS_HOST: '127.0.0.1',
    OTELCOL_METRICS_PORT: String(ports.collectorMetrics),
    OTELCOL_VICTORIALOGS_URL: `http://127.0.0.1:${ports.victorialogs}`,
  };
}

/**
 * deploy/jaeger/ui-config.js with compose's VictoriaLogs address replaced by this machine's port,
 * so the trace's "log lines" link in the Jaeger UI opens this VictoriaLogs.
 */
export function localJaegerUiConfig(root: string, ports: PipelinePorts): string {
  const source = readFileSync(join(root, 'deploy', 'jaeger', 'ui-config.js'), 'utf8');
  return source.replaceAll("'http://localhost:9428/", `'http://127.0.0.1:${ports.victorialogs}/`);
}

/** The environment that points deploy/jaeger/config.yaml at local ports (and at a UI config file). */
export function jaegerEnv(ports: PipelinePorts, uiConfigFile?: string): Record<string, string> {
  return {
    ...(uiConfigFile ? { JAEGER_UI_CONFIG: uiConfigFile } : {}),
    JAEGER_OTLP_GRPC_ENDPOINT: `127.0.0.1:${ports.jaegerOtlp}`,
    JAEGER_QUERY_HTTP_ENDPOINT: `127.0.0.1:${ports.jaegerQuery}`,
    JAEGER_QUERY_GRPC_ENDPOINT: `127.0.0.1:${ports.jaegerQueryGrpc}`,
    JAEGER_HEALTH_ENDPOINT: `127.0.0.1:${ports.jaegerHealth}`,
    JAEGER_PROMETHEUS_URL: `http://127.0.0.1:${ports.prometheus}`,
  };
}

/**
 * Starts Prometheus (when built), Jaeger and the Collector with the very files docker-compose.yml
 * mounts (deploy/*), in compose's start order, and waits until each is healthy. Throws naming the
 * tool and its log when one is missing, exits or stays unhealthy.
 */
export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const root = options.root ?? repoRoot();
  const ports = pipelinePorts(options.portOffset ?? 0);
  const healthUrls = {
    otelcol: `http://127.0.0.1:${ports.collectorHealth}/`,
    jaeger: `http://127.0.0.1:${ports.jaegerHealth}/status`,
    prometheus: `http://127.0.0.1:${ports.prometheus}/-/ready`,
    victorialogs: `http://127.0.0.1:${ports.victorialogs}/health`,
  };
  const logDir = options.logDir ?? mkdtempSync(join(tmpdir(), 'tracelab-pipeline-'));
  mkdirSync(logDir, { recursive: true });
  const inherit = options.inheritOutput ?? false;
  const deadline = () => Date.now() + (options.readyTimeoutMs ?? 60_000);
  const lookup = { pinnedOnly: options.pinnedOnly ?? false };
  const binaries = {
    otelcol: findTool('otelcol', root, lookup),
    jaeger: findTool('jaeger', root, lookup),
    prometheus: options.prometheus === false ? undefined : findTool('prometheus', root, lookup),
    victorialogs: options.victorialogs === false ? undefined : findTool('victorialogs', root, lookup),
  };
  const required = ['otelcol', 'jaeger', ...(options.prometheus ? ['prometheus'] : []), ...(options.victorialogs ? ['victorialogs'] : [])] as PipelineTool[];
  for (const tool of required) {
    if (!binaries[tool]) throw new Error(`${tool} is not built: run \`pnpm tools:build\` (it goes to .tools/bin/${tool})`);
  }

  // A health answer from another program on our port would pass for ours: refuse taken ports first.
  const wanted = [ports.otlpGrpc, ports.otlpHttp, ports.collectorHealth, ports.spanmetrics, ports.collectorMetrics, ports.jaegerOtlp, ports.jaegerQuery, ports.jaegerQueryGrpc, ports.jaegerHealth];
  if (binaries.prometheus) wanted.push(ports.prometheus);
  if (binaries.victorialogs) wanted.push(ports.victorialogs);
  const taken = (await Promise.all(wanted.map(async (port) => ((await isFree(port)) ? undefined : port)))).filter((port) => port !== undefined);
  if (taken.length > 0) throw new Error(`ports ${taken.join(', ')} are in use by another program: stop it (an earlier stack, docker compose?) or move this one`);

  const processes: PipelineProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'tracelab-pipeline-data-'));
  const killAll = () => processes.forEach((p) => !hasExited(p.process) && p.process.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    // Reverse start order: the collector flushes to Jaeger before Jaeger goes.
    for (const running of [...processes].reverse()) await stopChild(running.process);
    process.off('exit', killAll);
    rmSync(dataDir, { recursive: true, force: true });
  };

  let victoriaLogs: PipelineProcess | undefined;
  const setVictoriaLogsRunning = async (running: boolean) => {
    if (!binaries.victorialogs) throw new Error('VictoriaLogs is not part of this pipeline');
    if (!running) {
      if (!victoriaLogs) return;
      // Out of the list first: VictoriaLogs stopped on purpose has not "exited".
      processes.splice(processes.indexOf(victoriaLogs), 1);
      await stopChild(victoriaLogs.process);
      victoriaLogs = undefined;
      return;
    }
    if (victoriaLogs) return;
    const listen = `127.0.0.1:${ports.victorialogs}`;
    victoriaLogs = spawnTool('victorialogs', binaries.victorialogs, victoriaLogsArgs(join(dataDir, 'victorialogs'), listen), {}, logDir, inherit);
    processes.push(victoriaLogs);
    await waitHealthy(victoriaLogs, healthUrls.victorialogs, deadline());
  };

  let collector: PipelineProcess | undefined;
  const startCollector = async (config: string, env: Record<string, string>) => {
    collector = spawnTool('otelcol', binaries.otelcol!, [`--config=${resolve(root, 'deploy', 'otel-collector', config)}`], { ...env, ...collectorEnv(ports) }, logDir, inherit);
    processes.push(collector);
    await waitHealthy(collector, healthUrls.otelcol, deadline());
  };

  try {
    if (binaries.prometheus) {
      const configFile = join(dataDir, 'prometheus.yml');
      writeFileSync(configFile, localPrometheusConfig(root, ports));
      const prometheus = spawnTool(
        'prometheus',
        binaries.prometheus,
        [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${join(dataDir, 'data')}`,
          '--storage.tsdb.retention.time=12h',
          '--storage.tsdb.retention.size=256MB',
          `--web.listen-address=127.0.0.1:${ports.prometheus}`,
        ],
        {},
        logDir,
        inherit,
      );
      processes.push(prometheus);
      await waitHealthy(prometheus, healthUrls.prometheus, deadline());
    }
    const uiConfigFile = join(dataDir, 'ui-config.js');
    writeFileSync(uiConfigFile, localJaegerUiConfig(root, ports));
    const jaeger = spawnTool('jaeger', binaries.jaeger!, ['--config', join(root, 'deploy', 'jaeger', 'config.yaml')], { ...options.jaegerEnv, ...jaegerEnv(ports, uiConfigFile) }, logDir, inherit);
    processes.push(jaeger);
    await waitHealthy(jaeger, healthUrls.jaeger, deadline());
    // Before the collector, as in compose: its logs pipeline has somewhere to go from the start.
    if (binaries.victorialogs) await setVictoriaLogsRunning(true);
    await startCollector(options.collectorConfig ?? 'config.yaml', options.collectorEnv ?? {});
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    ports,
    otlpHttpUrl: `http://127.0.0.1:${ports.otlpHttp}`,
    jaegerUrl: `http://127.0.0.1:${ports.jaegerQuery}`,
    spanmetricsUrl: `http://127.0.0.1:${ports.spanmetrics}/metrics`,
    prometheusUrl: binaries.prometheus ? `http://127.0.0.1:${ports.prometheus}` : undefined,
    victoriaLogsUrl: binaries.victorialogs ? `http://127.0.0.1:${ports.victorialogs}` : undefined,
    jaegerUiConfigFile: join(dataDir, 'ui-config.js'),
    processes,
    healthUrls: {
      otelcol: healthUrls.otelcol,
      jaeger: healthUrls.jaeger,
      ...(binaries.prometheus ? { prometheus: healthUrls.prometheus } : {}),
      ...(binaries.victorialogs ? { victorialogs: healthUrls.victorialogs } : {}),
    },
    exited: () => processes.find((p) => hasExited(p.process)),
    restartCollector: async ({ config, env }) => {
      if (collector) {
        // Out of the list first: a collector stopped on purpose has not "exited".
        const previous = collector;
        processes.splice(processes.indexOf(previous), 1);
        await stopChild(previous.process);
      }
      await startCollector(config ?? 'config.yaml', env ?? {});
    },
    setVictoriaLogsRunning,
    stop,
  };
}
