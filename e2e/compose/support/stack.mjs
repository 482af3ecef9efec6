// The compose tier's stack: the project's docker-compose.yml plus the stand-ins' override (image
// names only), under a compose project of its own, published on a loopback address of its own
// (BIND_ADDRESS, which docker-compose.yml offers) so its ports never clash with the other tiers
// or `pnpm start:local`, all of which use 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './standins.mjs';

export const PROJECT = 'tracelab-ci';
export const HOST = '127.0.0.17';
/** What docker-compose.yml interpolates, as this tier sets it (the same for every compose call). */
export const COMPOSE_ENV = { BIND_ADDRESS: HOST, ADMIN_TOKEN: 'e2e-admin-token' };

/** `docker compose ...` arguments for this project, with the override file at `override`. */
export const composeArgs = (override) => ['compose', '--project-name', PROJECT, '--project-directory', ROOT, '-f', join(ROOT, 'docker-compose.yml'), '-f', override];

export function compose(args, override, options = {}) {
  return spawnSync('docker', [...composeArgs(override), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...COMPOSE_ENV },
    ...options,
  });
}

/** State and the last 50 log lines of every container of the project (for a failed start). */
export function describeContainers(override) {
  const ids = compose(['ps', '--all', '--quiet'], override).stdout.split('\n').filter(Boolean);
  return ids
    .map((id) => {
      const state = spawnSync('docker', ['inspect', '-f', '{{.Name}} {{.State.Status}} health={{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} exit={{.State.ExitCode}} oom={{.State.OOMKilled}} restarts={{.RestartCount}}', id], { encoding: 'utf8' }).stdout.trim();
      const logs = spawnSync('docker', ['logs', '--tail', '50', id], { encoding: 'utf8' });
      return `---- ${state}\n${`${logs.stdout}${logs.stderr}`.trim()}`;
    })
    .join('\n');
}

/** Removes the project's containers, networks and volumes (and nothing of any other project). */
export function down(override) {
  const result = compose(['down', '--volumes', '--remove-orphans', '--timeout', '20'], override);
  if (result.status !== 0) throw new Error(`docker compose down -v failed: ${result.stderr.trim()}`);
}
