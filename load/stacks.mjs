// What `pnpm load` can drive: a local k6 (and its version), Docker, the compose stack, a stack
// answering on the gateway URL. Only looks; starts nothing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first k6 that runs TypeScript as is (v0.57.0; v0.52-v0.56 needed --compatibility-mode=experimental_enhanced). */
export const K6_TYPESCRIPT = [0, 57, 0];

/** The local k6: null when none runs, else its version ([major, minor, patch], or null when unreadable) and `k6 version`'s first line. */
export function localK6() {
  const probe = spawnSync('k6', ['version'], { encoding: 'utf8', timeout: 15_000 });
  if (probe.error !== undefined || probe.status !== 0) return null;
  // "k6 v2.3.0 (commit/0123456789, go1.25.1, linux/amd64)", extensions listed below it.
  const line = (probe.stdout || probe.stderr).split('\n')[0].trim();
  const match = /\bv?(\d+)\.(\d+)\.(\d+)/.exec(line);
  return { line, version: match ? match.slice(1, 4).map(Number) : null };
}

/** a < b for [major, minor, patch]. */
export function olderThan(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** Docker's engine: null when `docker info` fails, else whether it is Docker Desktop (a VM: host.docker.internal reaches the host). */
export function dockerEngine() {
  const probe = spawnSync('docker', ['info', '--format', '{{.OperatingSystem}}'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.error !== undefined || probe.status !== 0) return null;
  return { desktop: /docker desktop/i.test(probe.stdout) };
}

/**
 * From docker-compose.yml: the project name and the k6 service's image and memory limit. Read as
 * text (the file's own layout) so that it works without the compose plugin.
 */
export function composeFacts(repoRoot) {
  const text = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
  const project = process.env.COMPOSE_PROJECT_NAME || /^name:\s*(\S+)/m.exec(text)?.[1] || 'tracelab';
  const k6 = /^ {2}k6:\n((?: {4}.*\n|\s*\n)*)/m.exec(text)?.[1] ?? '';
  return {
    project,
    k6Image: /^ {4}image:\s*(\S+)/m.exec(k6)?.[1] ?? null,
    k6Memory: /^ +memory:\s*(\S+)/m.exec(k6)?.[1] ?? null,
  };
}

/** Whether the compose project's gateway container is running (plain `docker ps`: no compose plugin needed). */
export function composeGatewayRunning(project) {
  const probe = spawnSync(
    'docker',
    ['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=gateway', '--filter', 'status=running'],
    { encoding: 'utf8', timeout: 20_000 },
  );
  return probe.status === 0 && probe.stdout.trim() !== '';
}

/** Whether something answers HTTP at the gateway's health endpoint (any status: a 503 while it starts is still a stack). */
export async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

/** Whether `image` is on this machine; else tries `docker pull` once: null when there, else why not. */
export function ensureImage(image) {
  if (spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0) return null;
  process.stderr.write(`$ docker pull ${image}\n`);
  const pull = spawnSync('docker', ['pull', image], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 600_000 });
  if (pull.status === 0) return null;
  return (pull.stderr || pull.error?.message || `docker pull exited ${pull.status}`).trim().split('\n').pop();
}
