import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A process of a local stack (a service, the collector, Jaeger, ...) with its output kept. */
export interface LoggedChild {
  name: string;
  process: ChildProcess;
  /** Its output, line by line (the last `maxLines` when bounded). */
  logs: string[];
  /** <logDir>/<name>.log, when a log folder was given. */
  logFile?: string;
}

export interface SpawnOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** Folder for <name>.log. */
  logDir?: string;
  /** Add to an existing log file (a restart) instead of starting it anew. */
  append?: boolean;
  /** Also print the output to this process's stdout, each line prefixed with [name]. */
  inheritOutput?: boolean;
  /** Keep only this many lines in memory (default: all). */
  maxLines?: number;
}

export function spawnLogged(name: string, command: string, args: string[], options: SpawnOptions): LoggedChild {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  let logFile: string | undefined;
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    logFile = join(options.logDir, `${name}.log`);
  }
  const file = logFile ? createWriteStream(logFile, { flags: options.append ? 'a' : 'w' }) : undefined;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    for (const line of text.split('\n')) if (line) logs.push(line);
    if (options.maxLines && logs.length > options.maxLines) logs.splice(0, logs.length - options.maxLines);
    file?.write(text);
    if (options.inheritOutput) process.stdout.write(text.replace(/^(?=.)/gm, `[${name}] `));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  child.on('exit', () => file?.end());
  return { name, process: child, logs, logFile };
}

export const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Polls `url` until it answers 2xx; throws with the child's last lines when it exits or the deadline passes. */
export async function waitHealthy(child: LoggedChild, url: string, deadline: number, intervalMs = 250): Promise<void> {
  const story = () => `${child.logFile ? `; its log: ${child.logFile}` : ''}:\n${child.logs.slice(-15).join('\n')}`;
  while (Date.now() < deadline) {
    if (hasExited(child.process)) throw new Error(`${child.name} exited (${child.process.exitCode ?? child.process.signalCode})${story()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${child.name} not healthy at ${url}${story()}`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((done) => {
    if (hasExited(child)) return done();
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
