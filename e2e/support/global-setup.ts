import { ensureVhost, type Stack, startStack } from '@tracelab/local-stack';
import { startReceiver } from '@tracelab/otlp-receiver';
import { Client } from 'pg';
import { ADMIN_TOKEN, AMQP_URL, AMQP_VHOST, DATABASE_URL, LOG_DIR, PORT_OFFSET, RECEIVER_PORT } from './env';

/** Starts one OTLP receiver and the six services for every end-to-end suite. */
export default async function globalSetup(): Promise<void> {
  ensureVhost(AMQP_VHOST);
  await switchFaultsOff();
  const receiver = await startReceiver({ port: RECEIVER_PORT });
  const stack = await startServices({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=e2e',
    JAEGER_UI_URL: 'http://jaeger.invalid:16686',
    // The console's trace page reads the same receiver, server-side.
    TRACE_SOURCE: 'local',
    TRACE_RECEIVER_URL: receiver.url,
    LOG_STORE: 'local',
  });
  Object.assign(globalThis, { __tracelabStack: stack, __tracelabReceiver: receiver });
}

/** The six services of a test tier (env.ts), exporting spans as `telemetry` says. */
export function startServices(telemetry: Record<string, string>): Promise<Stack> {
  return startStack({
    portOffset: PORT_OFFSET,
    logDir: LOG_DIR,
    readyTimeoutMs: 240000,
    env: { DATABASE_URL, AMQP_URL, LOG_LEVEL: 'info', OTEL_BSP_SCHEDULE_DELAY: '200', ADMIN_TOKEN, ...telemetry },
  });
}

/** Fault switches persist in Postgres: a crashed earlier run must not leave one on. */
export async function switchFaultsOff(): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  try {
    await client.connect();
    await client.query("UPDATE faults SET enabled = false WHERE enabled").catch((error: { code?: string }) => {
      if (error.code !== '42P01' && error.code !== '3D000') throw error; // first run: no table yet
    });
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // first run: no database yet
  } finally {
    await client.end().catch(() => undefined);
  }
}
