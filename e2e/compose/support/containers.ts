import { spawnSync } from 'node:child_process';
import { ROOT } from '../../support/lab-cli';

/** `docker compose <args>` on the tier's project (arguments and environment from its global setup). */
export function compose(args: string[], timeoutMs = 300_000): { status: number; output: string } {
  const prefix = JSON.parse(process.env.TRACELAB_COMPOSE_ARGS!) as string[];
  const env = JSON.parse(process.env.TRACELAB_COMPOSE_ENV!) as Record<string, string>;
  const result = spawnSync('docker', [...prefix, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

export interface Container {
  id: string;
  service: string;
  status: string;
  health: string | undefined;
  exitCode: number;
  oomKilled: boolean;
  restartCount: number;
  memoryLimit: number;
  cgroupParent: string;
}

interface Inspected {
  Id: string;
  Config: { Labels: Record<string, string> };
  State: { Status: string; Health?: { Status: string }; ExitCode: number; OOMKilled: boolean };
  RestartCount: number;
  HostConfig: { Memory: number; CgroupParent: string };
}

/** Every container of the project (stopped ones too), from `docker inspect`. */
export function containers(): Container[] {
  const ids = compose(['ps', '--all', '--quiet']).output.split('\n').filter((line) => /^[0-9a-f]{12,}$/.test(line.trim()));
  if (ids.length === 0) return [];
  const result = spawnSync('docker', ['inspect', ...ids], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(result.stdout) as Inspected[]).map((c) => ({
    id: c.Id,
    service: c.Config.Labels['com.docker.compose.service']!,
    status: c.State.Status,
    health: c.State.Health?.Status,
    exitCode: c.State.ExitCode,
    oomKilled: c.State.OOMKilled,
    restartCount: c.RestartCount,
    memoryLimit: c.HostConfig.Memory,
    cgroupParent: c.HostConfig.CgroupParent,
  }));
}

export const byService = (list: Container[]) => Object.fromEntries(list.map((c) => [c.service, c]));

/** The last lines of a service's logs (for a failure message). */
export const logsOf = (service: string, lines = 50) => compose(['logs', '--no-color', '--tail', String(lines), service]).output;
