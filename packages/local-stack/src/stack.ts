import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
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
  /** Print service output to this process's stdout. */
  inheritOutput?: boolean;
  /** How long to wait for every /healthz to answer 200 (the first fraud seed takes a while). */
  readyTimeoutMs?: number;
  /** Root of the repository (defaults to the one this package lives in). */
  root?: string;
  /** Folder to start a service from (defaults to services/<name>); e.g. a `pnpm deploy` output. */
  serviceDir?: (name: string) => string;
}

export interface RunningService {
  name: string;
  url: string;
  process: ChildProcess;
  logs: string[];
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

function startService(root: string, name: string, env: NodeJS.ProcessEnv, options: StackOptions): RunningService {
  const cwd = options.serviceDir?.(name) ?? join(root, 'services', name);
  const child = spawn(process.execPath, ['--require', '@tracelab/telemetry/register', 'dist/main.js'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let file: WriteStream | undefined;
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    file = createWriteStream(join(options.logDir, `${name}.log`));
  }
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    for (const line of text.split('\n')) if (line) logs.push(line);
    file?.write(text);
    if (options.inheritOutput) process.stdout.write(text.replace(/^(?=.)/gm, `[${name}] `));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  child.on('exit', () => file?.end());
  return { name, url: `http://127.0.0.1:${env.PORT}`, process: child, logs };
}

async function waitReady(service: RunningService, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) {
      throw new Error(`${service.name} exited with code ${service.process.exitCode}:\n${service.logs.slice(-15).join('\n')}`);
    }
    try {
      const response = await fetch(`${service.url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} not ready at ${service.url}/healthz:\n${service.logs.slice(-15).join('\n')}`);
}

/** Resolves once the service's process has exited (at once if it already has). */
function exited(service: RunningService): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { process: child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
}

function stopService(service: RunningService): Promise<void> {
  return new Promise((resolveStop) => {
    if (service.process.exitCode !== null || service.process.signalCode !== null) return resolveStop();
    const force = setTimeout(() => service.process.kill('SIGKILL'), 10000);
    service.process.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    service.process.kill('SIGTERM');
  });
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
      if (old.process.exitCode === null && old.process.signalCode === null) throw new Error(`${name} is still running`);
      earlierLogs.push(...old.logs);
      // Appends to the same log file, so the file tells the service's whole story.
      const service = startService(root, name, envOf(name), { ...options, logDir: undefined });
      if (options.logDir) service.process.stdout!.on('data', (chunk: Buffer) => appendFileSync(join(options.logDir!, `${name}.log`), chunk));
      if (options.logDir) service.process.stderr!.on('data', (chunk: Buffer) => appendFileSync(join(options.logDir!, `${name}.log`), chunk));
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
      await Promise.all(services.map(stopService));
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
