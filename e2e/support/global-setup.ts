import { startStack } from '@tracelab/local-stack';
import { startReceiver } from '@tracelab/otlp-receiver';
import { AMQP_URL, DATABASE_URL, LOG_DIR, PORT_OFFSET, RECEIVER_PORT } from './env';

/** Starts one OTLP receiver and the six services for every end-to-end suite. */
export default async function globalSetup(): Promise<void> {
  const receiver = await startReceiver({ port: RECEIVER_PORT });
  const stack = await startStack({
    portOffset: PORT_OFFSET,
    logDir: LOG_DIR,
    readyTimeoutMs: 240000,
    env: {
      DATABASE_URL,
      AMQP_URL,
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=e2e',
    },
  });
  Object.assign(globalThis, { __tracelabStack: stack, __tracelabReceiver: receiver });
}
