import type { Telemetry } from './sdk';

const KEY = Symbol.for('tracelab.telemetry');
type Holder = { [KEY]?: Telemetry };

export function telemetryEnabled(): boolean {
  return (process.env.OTEL_SDK_DISABLED ?? '').toLowerCase() !== 'true';
}

/** Starts tracing once per process; with OTEL_SDK_DISABLED=true not even the SDK is loaded. */
export function startTelemetry(): void {
  const holder = globalThis as Holder;
  if (holder[KEY] || !telemetryEnabled()) return;
  const { createTelemetry } = require('./sdk') as typeof import('./sdk');
  holder[KEY] = createTelemetry();
}

/** Flushes every pending span; called by the service on shutdown, after the app has closed. */
export async function shutdownTelemetry(): Promise<void> {
  const holder = globalThis as Holder;
  const telemetry = holder[KEY];
  holder[KEY] = undefined;
  await telemetry?.shutdown();
}
