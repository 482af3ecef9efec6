import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServicePackage {
  name: string;
  version: string;
}

/** The package.json of the service being run (the working directory, as in the image). */
export function readServicePackage(): ServicePackage | undefined {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as ServicePackage;
  } catch {
    return undefined;
  }
}

/** OTEL_SERVICE_NAME, else the package name without its scope: @tracelab/order → order. */
export function serviceName(pkg = readServicePackage()): string {
  return process.env.OTEL_SERVICE_NAME ?? pkg?.name.replace(/^@tracelab\//, '') ?? 'tracelab';
}
