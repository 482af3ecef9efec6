import { ConfigError } from '@tracelab/config';
import { serviceName } from '@tracelab/telemetry';

/** Runs a service's start-up; any failure (bad environment first) exits 1 with a clear message. */
export function runMain(start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    const service = serviceName();
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: cannot start, ${error.message}\n`);
    } else {
      process.stderr.write(`${service}: failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exit(1);
  });
}
