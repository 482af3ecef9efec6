/** Spans decoded from OTLP/JSON (the SDK's http/json exporter, or Jaeger's api/v3). */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  service: string;
  /** Nanoseconds since the epoch; beyond 2^53, hence bigint. */
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  durationMs: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  events: { name: string; attributes: Record<string, unknown> }[];
  links: { traceId: string; spanId: string }[];
}

export const SpanKind = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
};
type KeyValue = { key: string; value?: AnyValue };

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number | string;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: KeyValue[];
  status?: { code?: number | string; message?: string };
  events?: { name: string; attributes?: KeyValue[] }[];
  links?: { traceId: string; spanId: string }[];
}

interface OtlpTraces {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

const KIND_NAMES: Record<string, number> = {
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_NAMES: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

function value(v: AnyValue | undefined): unknown {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(value);
  if (v.kvlistValue) return attributes(v.kvlistValue.values);
  if (v.bytesValue !== undefined) return v.bytesValue;
  return undefined;
}

function attributes(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, value(kv.value)]));
}

/** OTLP/JSON ids are hex; tolerate base64 (protobuf JSON mapping) too. */
function hexId(id: string | undefined, length: number): string | undefined {
  if (!id) return undefined;
  if (/^[0-9a-f]+$/i.test(id) && id.length === length) return id.toLowerCase();
  const decoded = Buffer.from(id, 'base64').toString('hex');
  return decoded.length === length ? decoded : id;
}

const asNumber = (code: number | string | undefined, names: Record<string, number>) =>
  typeof code === 'string' ? (names[code] ?? Number(code)) : (code ?? 0);

/** Accepts an export request, a bare `resourceSpans` body, or Jaeger's `{ result: {...} }` wrapper. */
export function decodeTraces(body: unknown): ReceivedSpan[] {
  const traces = ((body as { result?: OtlpTraces })?.result ?? body) as OtlpTraces;
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of traces?.resourceSpans ?? []) {
    const resource = attributes(resourceSpans.resource?.attributes);
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        const start = BigInt(span.startTimeUnixNano);
        const end = BigInt(span.endTimeUnixNano);
        spans.push({
          traceId: hexId(span.traceId, 32)!,
          spanId: hexId(span.spanId, 16)!,
          parentSpanId: hexId(span.parentSpanId, 16),
          name: span.name,
          kind: asNumber(span.kind, KIND_NAMES),
          service: String(resource['service.name'] ?? 'unknown'),
          startTimeUnixNano: start,
          endTimeUnixNano: end,
          durationMs: Number(end - start) / 1e6,
          attributes: attributes(span.attributes),
          resource,
          status: { code: asNumber(span.status?.code, STATUS_NAMES), ...(span.status?.message ? { message: span.status.message } : {}) },
          events: (span.events ?? []).map((e) => ({ name: e.name, attributes: attributes(e.attributes) })),
          links: (span.links ?? []).map((l) => ({ traceId: hexId(l.traceId, 32)!, spanId: hexId(l.spanId, 16)! })),
        });
      }
    }
  }
  return spans;
}

/** A log record decoded from OTLP/JSON (the SDK's http/json log exporter). */
export interface ReceivedLogRecord {
  /** Empty when the line was written outside any span. */
  traceId: string;
  spanId: string;
  service: string;
  /** Nanoseconds since the epoch. */
  timeUnixNano: bigint;
  severityText: string;
  severityNumber: number;
  body: unknown;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

interface OtlpLogRecord {
  timeUnixNano?: string | number;
  observedTimeUnixNano?: string | number;
  severityNumber?: number | string;
  severityText?: string;
  body?: AnyValue;
  attributes?: KeyValue[];
  traceId?: string;
  spanId?: string;
}

interface OtlpLogs {
  resourceLogs?: {
    resource?: { attributes?: KeyValue[] };
    scopeLogs?: { logRecords?: OtlpLogRecord[] }[];
  }[];
}

/** Accepts an OTLP/JSON logs export request. */
export function decodeLogs(body: unknown): ReceivedLogRecord[] {
  const records: ReceivedLogRecord[] = [];
  for (const resourceLogs of (body as OtlpLogs)?.resourceLogs ?? []) {
    const resource = attributes(resourceLogs.resource?.attributes);
    for (const scope of resourceLogs.scopeLogs ?? []) {
      for (const record of scope.logRecords ?? []) {
        const time = record.timeUnixNano && String(record.timeUnixNano) !== '0' ? record.timeUnixNano : record.observedTimeUnixNano;
        records.push({
          traceId: hexId(record.traceId, 32) ?? '',
          spanId: hexId(record.spanId, 16) ?? '',
          service: String(resource['service.name'] ?? 'unknown'),
          timeUnixNano: BigInt(time ?? 0),
          severityText: record.severityText ?? '',
          severityNumber: Number(record.severityNumber ?? 0),
          body: value(record.body),
          attributes: attributes(record.attributes),
          resource,
        });
      }
    }
  }
  return records;
}
