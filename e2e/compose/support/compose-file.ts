import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ROOT } from '../../support/lab-cli';

interface Service {
  profiles?: string[];
  restart?: string;
  healthcheck?: unknown;
}

/** docker-compose.yml as the tier runs it (its default profile). */
const file = parse(readFileSync(`${ROOT}/docker-compose.yml`, 'utf8')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const defaultProfile = Object.entries(file.services).filter(([, service]) => !service.profiles);

/** One-shot probes (`restart: "no"`): they exit once their check passed. */
export const ONE_SHOT = defaultProfile.filter(([, s]) => s.restart === 'no').map(([name]) => name).sort();
export const LONG_RUNNING = defaultProfile.filter(([, s]) => s.restart !== 'no').map(([name]) => name).sort();
/** Long-running services without a Docker healthcheck (images with no shell: a one-shot probe stands in). */
export const NO_HEALTHCHECK = LONG_RUNNING.filter((name) => !file.services[name]!.healthcheck);
/** The named volumes, as compose names them in a project. */
export const namedVolumes = (project: string) => Object.keys(file.volumes ?? {}).map((name) => `${project}_${name}`).sort();
