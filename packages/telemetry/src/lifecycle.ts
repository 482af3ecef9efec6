import type { NodeSDK } from '@opentelemetry/sdk-node';
import { createSdk } from './sdk';

const SDK_KEY = Symbol.for('tracelab.telemetry.sdk');
type Holder = { [SDK_KEY]?: NodeSDK };

export function telemetryEnabled(): boolean {
  return (process.env.OTEL_SDK_DISABLED ?? '').toLowerCase() !== 'true';
}

export function startTelemetry(): void {
  const holder = globalThis as Holder;
  if (holder[SDK_KEY] || !telemetryEnabled()) return;
  const sdk = createSdk();
  sdk.start();
  holder[SDK_KEY] = sdk;
}

/** Flushes every pending span; called by the service on shutdown, after the app has closed. */
export async function shutdownTelemetry(): Promise<void> {
  const holder = globalThis as Holder;
  const sdk = holder[SDK_KEY];
  holder[SDK_KEY] = undefined;
  await sdk?.shutdown();
}
