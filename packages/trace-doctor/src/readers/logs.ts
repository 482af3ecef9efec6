import { fetchLogs, type ReceivedLogRecord } from '@tracelab/otlp-receiver';
import { parseTraceId } from './trace-id';

/** One log line of a trace, the same whichever store it was read from. */
export interface TraceLogLine {
  /** RFC 3339, UTC, millisecond precision (pino's). */
  time: string;
  service: string;
  /** pino's level name: trace, debug, info, warn, error, fatal. */
  severity: string;
  message: string;
  traceId: string;
  /** The span the line was written in ('' if none). */
  spanId: string;
  /** The record's other fields, nested ones flattened with dots (`req.url`), values as text. */
  attributes: Record<string, string>;
}

export type LogSource = 'victorialogs' | 'local';

export const DEFAULT_VICTORIALOGS_URL = 'http://localhost:9428';

export interface ReadTraceLogsOptions {
  /** Default `victorialogs`; `local` reads the OTLP receiver's GET /logs. */
  source?: LogSource;
  victoriaLogsUrl?: string;
  receiverUrl?: string;
  /** At most this many lines (default 1000). */
  limit?: number;
}

/** VictoriaLogs' own fields and the resource's, which TraceLogLine already gives or does not need. */
const NOT_ATTRIBUTES = new Set([
  '_msg',
  '_time',
  '_stream',
  '_stream_id',
  'trace_id',
  'span_id',
  'severity_text',
  'severity_number',
  'service.name',
  'service.version',
  'deployment.environment.name',
  'scope.name',
  'scope.version',
]);

/**
 * Every log line of one trace, oldest first: from VictoriaLogs' LogsQL API, or from the local
 * receiver when the pipeline is not running. A trace id that is not 32 hex digits is refused
 * (InvalidTraceIdError) before any request is made.
 */
export async function readTraceLogs(traceId: string, options: ReadTraceLogsOptions = {}): Promise<TraceLogLine[]> {
  const id = parseTraceId(traceId);
  const limit = options.limit ?? 1000;
  const lines =
    options.source === 'local'
      ? (await fetchLogs(options.receiverUrl ?? 'http://127.0.0.1:4318', id)).map(fromReceiver)
      : await queryVictoriaLogs(options.victoriaLogsUrl ?? DEFAULT_VICTORIALOGS_URL, `trace_id:"${id}" | sort by (_time)`, limit);
  // Stable: lines of the same millisecond keep the store's order.
  return lines.sort((a, b) => Date.parse(a.time) - Date.parse(b.time)).slice(0, limit);
}

/** The LogsQL query of one trace's lines, as the Jaeger UI's link and `readTraceLogs` ask it. */
export function traceLogsQuery(traceId: string): string {
  return `trace_id:"${parseTraceId(traceId)}"`;
}

/** VictoriaLogs' web UI showing one trace's lines (the last 7 days, its retention). */
export function traceLogsUiUrl(victoriaLogsUrl: string, traceId: string): string {
  const query = new URLSearchParams({ query: traceLogsQuery(traceId), 'g0.relative_time': 'last_7_days' });
  return `${new URL('/select/vmui/', victoriaLogsUrl).href}#/?${query}`;
}

/** POST /select/logsql/query: one JSON object per line, every value a string. */
export async function queryVictoriaLogs(victoriaLogsUrl: string, query: string, limit = 1000): Promise<TraceLogLine[]> {
  const response = await fetch(new URL('/select/logsql/query', victoriaLogsUrl), {
    method: 'POST',
    body: new URLSearchParams({ query, limit: String(limit) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`VictoriaLogs answered ${response.status}: ${text.slice(0, 300)}`);
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => fromVictoriaLogs(JSON.parse(line) as Record<string, string>));
}

function fromVictoriaLogs(fields: Record<string, string>): TraceLogLine {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (!NOT_ATTRIBUTES.has(key)) attributes[key] = value;
  return {
    time: fields._time ? new Date(fields._time).toISOString() : '',
    service: fields['service.name'] ?? '',
    severity: fields.severity_text ?? '',
    message: fields._msg ?? '',
    traceId: fields.trace_id ?? '',
    spanId: fields.span_id ?? '',
    attributes,
  };
}

function fromReceiver(record: ReceivedLogRecord): TraceLogLine {
  const attributes: Record<string, string> = {};
  flatten(record.attributes, '', attributes);
  return {
    time: new Date(Number(record.timeUnixNano / 1_000_000n)).toISOString(),
    service: record.service,
    severity: record.severityText,
    message: typeof record.body === 'string' ? record.body : JSON.stringify(record.body ?? ''),
    traceId: record.traceId,
    spanId: record.spanId,
    attributes,
  };
}

/** Nested maps become dotted keys, as VictoriaLogs stores them; lists and scalars become text. */
function flatten(value: Record<string, unknown>, prefix: string, into: Record<string, string>): void {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix + key;
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) flatten(item as Record<string, unknown>, `${name}.`, into);
    else into[name] = typeof item === 'string' ? item : JSON.stringify(item);
  }
}
