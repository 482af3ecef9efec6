import { chosenBootstrap } from './bootstrap-choice';
import type { Telemetry } from './telemetry';

const KEY = Symbol.for('tracelab.telemetry');
type Holder = { [KEY]?: Telemetry };

export function telemetryEnabled(): boolean {
  return (process.env.OTEL_SDK_DISABLED ?? '').toLowerCase() !== 'true';
}

/**
 * Starts tracing (and log export) once per process with the bootstrap TRACELAB_TELEMETRY names. A bad name stops
 * the process even with tracing disabled; with OTEL_SDK_DISABLED=true not even the SDK is loaded.
 */
export function startTelemetry(): void {
  const holder = globalThis as Holder;
  const bootstrap = chosenBootstrap();
  if (holder[KEY] || !telemetryEnabled()) return;
  // Only the chosen bootstrap's modules are loaded: the auto one alone pulls in every instrumentation package.
  const { createTelemetry } = (bootstrap === 'auto' ? require('./auto-sdk') : require('./sdk')) as typeof import('./sdk');
  holder[KEY] = createTelemetry();
}

/** Flushes every pending span and log record; called by the service on shutdown, after the app has closed. */
export async function shutdownTelemetry(): Promise<void> {
  const holder = globalThis as Holder;
  const telemetry = holder[KEY];
  holder[KEY] = undefined;
  await telemetry?.shutdown();
}
