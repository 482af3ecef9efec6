import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { BaggageSpanProcessor } from '@opentelemetry/baggage-span-processor';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { ContextAttributesSpanProcessor } from './context-attributes';
import { RedactingSpanExporter } from './redaction';

const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';

/** Baggage keys copied onto every span: our own namespace and the load-test marker. */
export const isPropagatedBaggageKey = (key: string): boolean =>
  key === 'synthetic' || key.startsWith('shop.');

interface ServicePackage {
  name: string;
  version: string;
}

function readServicePackage(): ServicePackage | undefined {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as ServicePackage;
  } catch {
    return undefined;
  }
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function createExporter(): SpanExporter | undefined {
  const kind = (process.env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',')[0]!.trim();
  if (kind === 'none') return undefined;
  if (kind === 'console') return new ConsoleSpanExporter();
  const protocol =
    process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL ??
    'http/protobuf';
  switch (protocol) {
    case 'http/json':
      return new JsonTraceExporter();
    case 'grpc':
      return new GrpcTraceExporter();
    case 'http/protobuf':
      return new ProtoTraceExporter();
    default:
      throw new Error(
        `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: unsupported protocol "${protocol}" (use http/protobuf, http/json or grpc)`,
      );
  }
}

/**
 * Export is tuned so that a finished order reaches the collector within about a second
 * and bursts do not drop spans; every OTEL_BSP_* variable still overrides these defaults.
 */
function createBatchProcessor(exporter: SpanExporter): SpanProcessor {
  return new BatchSpanProcessor({
    exporter: new RedactingSpanExporter(exporter),
    scheduledDelayMillis: envNumber('OTEL_BSP_SCHEDULE_DELAY', 500),
    maxQueueSize: envNumber('OTEL_BSP_MAX_QUEUE_SIZE', 16384),
    maxExportBatchSize: envNumber('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1024),
    exportTimeoutMillis: envNumber('OTEL_BSP_EXPORT_TIMEOUT', 10000),
  });
}

export function createSdk(): NodeSDK {
  const pkg = readServicePackage();
  process.env.OTEL_SERVICE_NAME ??= pkg?.name.replace(/^@tracelab\//, '') ?? 'tracelab';
  // Current semantic conventions (http.request.method, url.*, db.query.text, db.system.name).
  process.env.OTEL_SEMCONV_STABILITY_OPT_IN ??= 'http,database';
  if (process.env.OTEL_LOG_LEVEL === 'debug') diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.DEBUG);

  const exporter = createExporter();
  const spanProcessors: SpanProcessor[] = [
    new BaggageSpanProcessor(isPropagatedBaggageKey) as unknown as SpanProcessor,
    new ContextAttributesSpanProcessor(),
  ];
  if (exporter) spanProcessors.push(createBatchProcessor(exporter));

  return new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_VERSION]: pkg?.version ?? '0.0.0',
      [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: 'local',
    }),
    spanProcessors,
    instrumentations: [
      getNodeAutoInstrumentations({
        '@opentelemetry/instrumentation-fs': { enabled: false },
        '@opentelemetry/instrumentation-dns': { enabled: false },
        '@opentelemetry/instrumentation-net': { enabled: false },
        '@opentelemetry/instrumentation-runtime-node': { enabled: false },
        // RabbitMQ propagation is explicit and visible in @tracelab/messaging, on purpose.
        '@opentelemetry/instrumentation-amqplib': { enabled: false },
        '@opentelemetry/instrumentation-http': {
          ignoreIncomingRequestHook: (request) => request.url === '/healthz',
        },
        '@opentelemetry/instrumentation-pg': { requireParentSpan: true },
        '@opentelemetry/instrumentation-pino': { disableLogSending: true },
      }),
    ],
  });
}
