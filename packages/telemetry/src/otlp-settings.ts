export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json', 'grpc'];

/**
 * The OTLP protocol of a signal from the first of `variables` that is set (http/protobuf if none
 * is). Logs look at the traces' variable before the generic one: they go where and how the spans go.
 */
export function otlpProtocol(variables: readonly string[]): OtlpProtocol {
  const name = variables.find((variable) => process.env[variable]);
  const value = name ? process.env[name]!.trim() : 'http/protobuf';
  if (!PROTOCOLS.includes(value)) throw new Error(`${name}: unsupported protocol "${value}" (use http/protobuf, http/json or grpc)`);
  return value as OtlpProtocol;
}

/** The first exporter named by an OTEL_*_EXPORTER variable (`otlp` when unset or empty). */
export function exporterKind(variable: string): string {
  return (process.env[variable] ?? '').split(',')[0]!.trim().toLowerCase() || 'otlp';
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Batch settings of the span (OTEL_BSP_*) and log record (OTEL_BLRP_*) processors: a finished
 * order reaches the collector within about a second and bursts are not dropped; every variable
 * still overrides these defaults.
 */
export function batchSettings(prefix: 'OTEL_BSP' | 'OTEL_BLRP' = 'OTEL_BSP') {
  return {
    scheduledDelayMillis: envNumber(`${prefix}_SCHEDULE_DELAY`, 500),
    maxQueueSize: envNumber(`${prefix}_MAX_QUEUE_SIZE`, 16384),
    maxExportBatchSize: envNumber(`${prefix}_MAX_EXPORT_BATCH_SIZE`, 1024),
    exportTimeoutMillis: envNumber(`${prefix}_EXPORT_TIMEOUT`, 10000),
  };
}
