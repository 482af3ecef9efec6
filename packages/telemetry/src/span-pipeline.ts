import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { BaggageAttributesSpanProcessor } from './baggage-attributes';
import { ContextAttributesSpanProcessor } from './context-attributes';
import { batchSettings, exporterKind, otlpProtocol } from './otlp-settings';
import { RedactingSpanExporter } from './redaction';

export { batchSettings };

/** Only the exporter in use is loaded: each one pulls its own transport stack. */
function createExporter(): SpanExporter | undefined {
  const kind = exporterKind('OTEL_TRACES_EXPORTER');
  if (kind === 'none') return undefined;
  if (kind === 'console') return new ConsoleSpanExporter();
  switch (otlpProtocol(['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL'])) {
    case 'http/json':
      return new (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
    case 'http/protobuf':
      return new (require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
    case 'grpc':
      return new (require('@opentelemetry/exporter-trace-otlp-grpc') as typeof import('@opentelemetry/exporter-trace-otlp-grpc')).OTLPTraceExporter();
  }
}

function createBatchProcessor(exporter: SpanExporter): SpanProcessor {
  return new BatchSpanProcessor({ exporter: new RedactingSpanExporter(exporter), ...batchSettings('OTEL_BSP') });
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
