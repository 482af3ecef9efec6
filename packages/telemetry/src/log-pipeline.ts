import type { Resource } from '@opentelemetry/resources';
import type { LogRecordExporter, LogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { batchSettings, exporterKind, otlpProtocol } from './otlp-settings';

type SdkLogs = typeof import('@opentelemetry/sdk-logs');

/**
 * Whether log records leave the process (OTEL_LOGS_EXPORTER, default otlp; `none` turns it off).
 * Off, neither the Logs SDK nor an exporter is loaded and pino sends nothing to it.
 */
export function logsExported(): boolean {
  const kind = exporterKind('OTEL_LOGS_EXPORTER');
  if (kind === 'none') return false;
  if (kind === 'otlp' || kind === 'console') return true;
  throw new Error(`OTEL_LOGS_EXPORTER: unsupported exporter "${kind}" (use otlp, console or none)`);
}

/** Same endpoint (OTEL_EXPORTER_OTLP_ENDPOINT + /v1/logs) and protocol as the spans, unless the LOGS variables say otherwise. */
function createExporter(sdkLogs: SdkLogs): LogRecordExporter {
  if (exporterKind('OTEL_LOGS_EXPORTER') === 'console') return new sdkLogs.ConsoleLogRecordExporter();
  switch (otlpProtocol(['OTEL_EXPORTER_OTLP_LOGS_PROTOCOL', 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL'])) {
    case 'http/json':
      return new (require('@opentelemetry/exporter-logs-otlp-http') as typeof import('@opentelemetry/exporter-logs-otlp-http')).OTLPLogExporter();
    case 'http/protobuf':
      return new (require('@opentelemetry/exporter-logs-otlp-proto') as typeof import('@opentelemetry/exporter-logs-otlp-proto')).OTLPLogExporter();
    case 'grpc':
      return new (require('@opentelemetry/exporter-logs-otlp-grpc') as typeof import('@opentelemetry/exporter-logs-otlp-grpc')).OTLPLogExporter();
  }
}

/**
 * The log pipeline of both bootstraps, in the order it runs: card numbers masked while the record
 * can still be written, then batch export (OTEL_BLRP_* override the batch settings). Empty when
 * OTEL_LOGS_EXPORTER=none.
 */
export function createLogRecordProcessors(): LogRecordProcessor[] {
  if (!logsExported()) return [];
  const sdkLogs = require('@opentelemetry/sdk-logs') as SdkLogs;
  const { RedactingLogRecordProcessor } = require('./log-redaction') as typeof import('./log-redaction');
  return [new RedactingLogRecordProcessor(), new sdkLogs.BatchLogRecordProcessor({ exporter: createExporter(sdkLogs), ...batchSettings('OTEL_BLRP') })];
}

/** The lean bootstrap's logger provider, or undefined when log export is off. */
export function createLoggerProvider(resource: Resource): LoggerProvider | undefined {
  const processors = createLogRecordProcessors();
  if (processors.length === 0) return undefined;
  const { LoggerProvider } = require('@opentelemetry/sdk-logs') as SdkLogs;
  return new LoggerProvider({ resource, processors });
}
