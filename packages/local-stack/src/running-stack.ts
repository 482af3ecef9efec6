import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LocalLink } from './local-links';

/** Where the spans of a local stack go. */
export type TraceStore = 'jaeger' | 'receiver' | 'external';

/** What `pnpm start:local` says about itself while it runs: <local dir>/stack.json. */
export interface LocalStackState {
  /** The start:local process; the file counts only while it lives. */
  pid: number;
  gatewayUrl: string;
  traces: { store: TraceStore; url: string };
  links: LocalLink[];
  startedAt: string;
}

/** Folder of local mode's logs and state: TRACELAB_LOCAL_DIR, else <root>/.local. */
export function localDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.TRACELAB_LOCAL_DIR ? resolve(root, env.TRACELAB_LOCAL_DIR) : join(root, '.local');
}

const stateFile = (dir: string) => join(dir, 'stack.json');

export function writeLocalState(dir: string, state: LocalStackState): void {
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed: a reader never sees half a file.
  writeFileSync(`${stateFile(dir)}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${stateFile(dir)}.tmp`, stateFile(dir));
}

/** Removes the state file if it is this process's (another start may have replaced it). */
export function clearLocalState(dir: string, pid = process.pid): void {
  if (readState(dir)?.pid === pid) rmSync(stateFile(dir), { force: true });
}

function readState(dir: string): LocalStackState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as LocalStackState;
  } catch {
    return undefined;
  }
}

/** The process is alive and, where /proc tells, is a start:local (a reused pid is not). */
function isStartLocal(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start-local');
  } catch {
    return true; // no /proc (macOS): the live pid is all there is to go by
  }
}

/** The state of the local stack that runs now, if one does. */
export function readLocalState(dir: string): LocalStackState | undefined {
  const state = readState(dir);
  return state && Number.isInteger(state.pid) && isStartLocal(state.pid) ? state : undefined;
}

/** Same listener: localhost, 127.0.0.1 and ::1 are one host here; the port must match. */
export function sameListener(a: string, b: string): boolean {
  const key = (url: string) => {
    try {
      const parsed = new URL(url);
      const host = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? 'loopback' : parsed.hostname;
      return `${parsed.protocol}//${host}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
    } catch {
      return url;
    }
  };
  return key(a) === key(b);
}

/**
 * How the shop at a gateway URL runs:
 * - `local`: `pnpm start:local` of this clone serves it (its state file, its live process);
 * - `compose`: this clone's compose project has its gateway container running;
 * - `other`: something else answers there (a cluster's port-forward, another clone);
 * - `none`: nothing answers.
 */
export type StackMode = 'local' | 'compose' | 'other' | 'none';

export interface DetectedStack {
  mode: StackMode;
  gatewayUrl: string;
  /** The local stack's state, in local mode. */
  local?: LocalStackState;
}

export interface DetectOptions {
  gatewayUrl: string;
  /** Repository root: where compose runs its project from. */
  root: string;
  /** Local mode's folder (localDir(root) by default). */
  localDir?: string;
  /** Whether this clone's compose gateway runs (default: asks `docker compose ps`). */
  composeGatewayRunning?: (root: string) => boolean;
}

/** This clone's compose project: COMPOSE_PROJECT_NAME, else docker-compose.yml's `name:`, else tracelab. */
export function composeProject(root: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.COMPOSE_PROJECT_NAME) return env.COMPOSE_PROJECT_NAME;
  try {
    return /^name:\s*(\S+)/m.exec(readFileSync(join(root, 'docker-compose.yml'), 'utf8'))?.[1] ?? 'tracelab';
  } catch {
    return 'tracelab';
  }
}

/**
 * The compose project's gateway container is running: plain `docker ps` by compose's labels (no
 * compose plugin needed; load/run.mjs asks the same); false without Docker.
 */
export function composeGatewayRunning(root: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const filters = [`label=com.docker.compose.project=${composeProject(root, env)}`, 'label=com.docker.compose.service=gateway', 'status=running'];
  const ps = spawnSync('docker', ['ps', '-q', ...filters.flatMap((filter) => ['--filter', filter])], { env, encoding: 'utf8', timeout: 10_000 });
  return ps.status === 0 && ps.stdout.trim() !== '';
}

async function answers(gatewayUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/healthz', gatewayUrl), { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Detects, never guesses: each mode is named by what it leaves (a state file, a container). */
export async function detectStack(options: DetectOptions): Promise<DetectedStack> {
  const { gatewayUrl, root } = options;
  if (!(await answers(gatewayUrl))) return { mode: 'none', gatewayUrl };
  const local = readLocalState(options.localDir ?? localDir(root));
  if (local && sameListener(local.gatewayUrl, gatewayUrl)) return { mode: 'local', gatewayUrl, local };
  if ((options.composeGatewayRunning ?? composeGatewayRunning)(root)) return { mode: 'compose', gatewayUrl };
  return { mode: 'other', gatewayUrl };
}
