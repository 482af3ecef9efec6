import { isIP } from 'node:net';
import { z } from 'zod';

export { z };

/** Thrown when the environment does not satisfy a service's schema; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once, at start-up, into a typed config.
 * Each bad variable is named with what was expected, so a typo fails fast and clearly.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = issue.path.length === 1 ? env[String(issue.path[0])] : undefined;
    const shown = value === undefined ? 'unset' : JSON.stringify(value);
    return `${name}: ${issue.message} (got ${shown})`;
  });
  throw new ConfigError(problems);
}

/** A TCP port number, given as a string in the environment. */
export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);

/** A positive integer, given as a string in the environment. */
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A non-negative integer, given as a string in the environment. */
export const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const withProtocol = (protocols: string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

export const postgresUrl = () =>
  withProtocol(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/tracelab');
export const amqpUrl = () => withProtocol(['amqp:', 'amqps:'], 'amqp://guest:guest@127.0.0.1:5672');
export const httpUrl = (fallback: string) => withProtocol(['http:', 'https:'], fallback);

/** host:port of a gRPC server. */
export const grpcAddress = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(value), {
      message: 'must be host:port',
    });

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** The address to listen on: an IPv4 or IPv6 literal, or localhost. */
export const bindHost = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => value === 'localhost' || isIP(value) !== 0, { message: 'must be an IP address such as 127.0.0.1 or 0.0.0.0' });

/** Variables every service reads. */
export const baseEnv = {
  LOG_LEVEL: logLevel(),
  /** Internal services listen on loopback unless told otherwise (containers set 0.0.0.0). */
  BIND_HOST: bindHost('127.0.0.1'),
  /** SIGTERM to exit: in-flight work gets this long, then the process exits 1. */
  SHUTDOWN_GRACE_MS: positiveInt(10000),
};
