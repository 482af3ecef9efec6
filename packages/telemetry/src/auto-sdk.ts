import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { expressConfig, httpConfig, pgConfig, pinoConfig } from './instrumentation-config';
import type { Telemetry } from './telemetry';
import { createLogRecordProcessors } from './log-pipeline';
import { samplerFromEnv } from './samplers';
import { prepareServiceResource } from './service-resource';
import { createSpanProcessors } from './span-pipeline';
import { createSwitchablePropagator } from './switchable-propagator';

const OFF = { enabled: false } as const;

/**
 * The instrumentations switched off whatever OTEL_NODE_ENABLED_INSTRUMENTATIONS says. amqplib:
 * RabbitMQ context is carried by hand (packages/messaging), so it would add a second producer and
 * consumer span and a second context to every message. router: Express 5 routes through the
 * `router` package, and this would bring back the span per middleware and request handler that
 * the express instrumentation is told to skip. The others are noise for a checkout trace: a span
 * per file read, DNS lookup and socket, and runtime metrics in a set-up that exports traces only.
 */
const DISABLED = {
  '@opentelemetry/instrumentation-amqplib': OFF,
  '@opentelemetry/instrumentation-router': OFF,
  '@opentelemetry/instrumentation-fs': OFF,
  '@opentelemetry/instrumentation-dns': OFF,
  '@opentelemetry/instrumentation-net': OFF,
  '@opentelemetry/instrumentation-runtime-node': OFF,
};

/**
 * The NodeSDK reads these itself. tracelab's defaults keep it to traces and logs, as the lean
 * bootstrap (its default would also send metrics over OTLP), and to the lean bootstrap's resource
 * (no host.* or process.* attributes); set any of them to get the SDK's behaviour back.
 */
function defaultNodeSdkEnv(): void {
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_NODE_RESOURCE_DETECTORS ??= 'env';
}

/**
 * The auto bootstrap (TRACELAB_TELEMETRY=auto): `@opentelemetry/sdk-node` with every instrumentation
 * of auto-instrumentations-node but those above, and the lean bootstrap's span pipeline, sampler,
 * propagator, log pipeline and resource, so a trace and its logs mean the same under both.
 */
export function createTelemetry(): Telemetry {
  const resource = prepareServiceResource();
  defaultNodeSdkEnv();
  // The lean bootstrap's log pipeline (masking, then batch export); none given (OTEL_LOGS_EXPORTER=none) leaves the SDK without logs.
  const logRecordProcessors = createLogRecordProcessors();
  const sdk = new NodeSDK({
    resource,
    sampler: samplerFromEnv(),
    spanProcessors: createSpanProcessors(),
    ...(logRecordProcessors.length > 0 ? { logRecordProcessors } : {}),
    textMapPropagator: createSwitchablePropagator(),
    instrumentations: [
      getNodeAutoInstrumentations({
        ...DISABLED,
        '@opentelemetry/instrumentation-http': httpConfig,
        '@opentelemetry/instrumentation-express': expressConfig,
        '@opentelemetry/instrumentation-pg': pgConfig,
        '@opentelemetry/instrumentation-pino': pinoConfig(),
      }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
