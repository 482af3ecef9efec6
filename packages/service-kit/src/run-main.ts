import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@tracelab/config';

function serviceNameFromPackage(): string {
  try {
    const { name } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { name: string };
    return name.replace(/^@tracelab\//, '');
  } catch {
    return 'service';
  }
}

/** Runs a service's start-up; any failure (bad environment first) exits 1 with a clear message. */
export function runMain(start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    const service = process.env.OTEL_SERVICE_NAME ?? serviceNameFromPackage();
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: cannot start, ${error.message}\n`);
    } else {
      process.stderr.write(`${service}: failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exit(1);
  });
}
