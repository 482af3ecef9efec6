import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type LineFormatter, rawLines } from './log-format';

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
  /** Also print the output to this process's stdout, line by line: prefixed with [name], or as a formatter makes it. */
  inheritOutput?: boolean | LineFormatter;
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
  const print = options.inheritOutput === true ? rawLines : options.inheritOutput || undefined;
  const line = (text: string) => {
    if (!text) return;
    logs.push(text);
    if (options.maxLines && logs.length > options.maxLines) logs.splice(0, logs.length - options.maxLines);
    if (print) process.stdout.write(`${print(name, text)}\n`);
  };
  // A chunk may end inside a line: the rest of it waits for the next chunk.
  const collect = (stream: Readable) => {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      file?.write(text);
      const lines = (pending + text).split('\n');
      pending = lines.pop()!;
      lines.forEach(line);
    });
    stream.on('end', () => line(pending));
  };
  collect(child.stdout!);
  collect(child.stderr!);
  // 'close', not 'exit': the last chunks of output can arrive after the exit.
  child.on('close', () => file?.end());
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
