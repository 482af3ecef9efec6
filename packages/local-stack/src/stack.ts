import { join, resolve } from 'node:path';
import { hasExited, type LoggedChild, spawnLogged, stopChild, waitHealthy } from './child';
import type { LineFormatter } from './log-format';
import { SERVICES, wiringEnv } from './services';

export interface StackOptions {
  /** Added to every default port, so a test stack can run beside a dev stack. */
  portOffset?: number;
  /** Extra environment for every service (DATABASE_URL, OTEL_*, ...). */
  env?: Record<string, string>;
  /** Extra environment per service name. */
  serviceEnv?: Record<string, Record<string, string>>;
  /** Folder for one log file per service; logs are also kept in memory. */
  logDir?: string;
  /** Print service output to this process's stdout: each line prefixed with [service], or as a formatter makes it. */
  inheritOutput?: boolean | LineFormatter;
  /** How long to wait for every /healthz to answer 200 (the first fraud seed takes a while). */
  readyTimeoutMs?: number;
  /** Root of the repository (defaults to the one this package lives in). */
  root?: string;
  /** Folder to start a service from (defaults to services/<name>); e.g. a `pnpm deploy` output. */
  serviceDir?: (name: string) => string;
}

export interface RunningService extends LoggedChild {
  url: string;
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal to the exit. */
  ms: number;
}

export interface Stack {
  gatewayUrl: string;
  services: RunningService[];
  service(name: string): RunningService;
  /** Every log line of every service so far. */
  logs(): string[];
  /** Sends `signal` (SIGTERM by default) to one service and resolves with how it exited. */
  stopService(name: string, signal?: NodeJS.Signals): Promise<ServiceExit>;
  /** Starts one stopped service again, with the same environment, and waits for its /healthz. */
  startService(name: string): Promise<RunningService>;
  /** stopService then startService. */
  restartService(name: string): Promise<ServiceExit>;
  stop(): Promise<void>;
}

function startService(root: string, name: string, env: NodeJS.ProcessEnv, options: StackOptions, append = false): RunningService {
  const cwd = options.serviceDir?.(name) ?? join(root, 'services', name);
  const args = ['--require', '@tracelab/telemetry/register', 'dist/main.js'];
  const child = spawnLogged(name, process.execPath, args, { cwd, env, logDir: options.logDir, append, inheritOutput: options.inheritOutput });
  return { ...child, url: `http://127.0.0.1:${env.PORT}` };
}

const waitReady = (service: RunningService, deadline: number) => waitHealthy(service, `${service.url}/healthz`, deadline);

/** Resolves once the service's process has exited (at once if it already has). */
function exited(service: RunningService): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { process: child } = service;
  if (hasExited(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
}

/** Starts the six built services (`pnpm build` first) and waits until every one is ready. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const root = options.root ?? resolve(__dirname, '..', '..', '..');
  const wiring = wiringEnv(options.portOffset ?? 0);
  const envOf = (name: string) => ({ ...process.env, ...options.env, ...wiring[name], ...options.serviceEnv?.[name] });
  const services = SERVICES.map((spec) => startService(root, spec.name, envOf(spec.name), options));
  // Never leave services behind (they would keep consuming this stack's queue): when this
  // process exits for any reason it can still run code for, the children go with it.
  const killAll = () => services.forEach((s) => s.process.exitCode === null && s.process.kill('SIGKILL'));
  process.once('exit', killAll);
  const find = (name: string) => {
    const found = services.find((s) => s.name === name);
    if (!found) throw new Error(`no service ${name}`);
    return found;
  };
  const earlierLogs: string[] = [];
  const stack: Stack = {
    gatewayUrl: services.find((s) => s.name === 'gateway')!.url,
    services,
    service: find,
    logs: () => [...earlierLogs, ...services.flatMap((s) => s.logs)],
    stopService: async (name, signal = 'SIGTERM') => {
      const service = find(name);
      const started = Date.now();
      const exit = exited(service);
      service.process.kill(signal);
      return { ...(await exit), ms: Date.now() - started };
    },
    startService: async (name) => {
      const old = find(name);
      if (!hasExited(old.process)) throw new Error(`${name} is still running`);
      earlierLogs.push(...old.logs);
      // Appends to the same log file, so the file tells the service's whole story.
      const service = startService(root, name, envOf(name), options, true);
      services[services.indexOf(old)] = service;
      await waitReady(service, Date.now() + (options.readyTimeoutMs ?? 120000));
      return service;
    },
    restartService: async (name) => {
      const exit = await stack.stopService(name);
      await stack.startService(name);
      return exit;
    },
    stop: async () => {
      await Promise.all(services.map((service) => stopChild(service.process)));
      process.off('exit', killAll);
    },
  };
  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 120000);
    await Promise.all(services.map((s) => waitReady(s, deadline)));
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
