import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { BaggageAttributesSpanProcessor } from './baggage-attributes';
import { ContextAttributesSpanProcessor } from './context-attributes';
import { RedactingSpanExporter } from './redaction';

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Only the exporter in use is loaded: each one pulls its own transport stack. */
function createExporter(): SpanExporter | undefined {
  const kind = (process.env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',')[0]!.trim();
  if (kind === 'none') return undefined;
  if (kind === 'console') return new ConsoleSpanExporter();
  const protocol =
    process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? process.env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf';
  switch (protocol) {
    case 'http/json':
      return new (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
    case 'http/protobuf':
      return new (require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
    case 'grpc':
      return new (require('@opentelemetry/exporter-trace-otlp-grpc') as typeof import('@opentelemetry/exporter-trace-otlp-grpc')).OTLPTraceExporter();
    default:
      throw new Error(`OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: unsupported protocol "${protocol}" (use http/protobuf, http/json or grpc)`);
  }
}

/**
 * Export is tuned so that a finished order reaches the collector within about a second
 * and bursts do not drop spans; every OTEL_BSP_* variable still overrides these defaults.
 */
export function batchSettings() {
  return {
    scheduledDelayMillis: envNumber('OTEL_BSP_SCHEDULE_DELAY', 500),
    maxQueueSize: envNumber('OTEL_BSP_MAX_QUEUE_SIZE', 16384),
    maxExportBatchSize: envNumber('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1024),
    exportTimeoutMillis: envNumber('OTEL_BSP_EXPORT_TIMEOUT', 10000),
  };
}

function createBatchProcessor(exporter: SpanExporter): SpanProcessor {
  return new BatchSpanProcessor({ exporter: new RedactingSpanExporter(exporter), ...batchSettings() });
}

/**
 * The span pipeline of both bootstraps, in the order it runs: baggage and context attributes
 * onto each starting span, then batch export through the card-number redaction.
 */
export function createSpanProcessors(): SpanProcessor[] {
  const exporter = createExporter();
  return [
    new BaggageAttributesSpanProcessor(),
    new ContextAttributesSpanProcessor(),
    ...(exporter ? [createBatchProcessor(exporter)] : []),
  ];
}
