import { decodeTraces, type ReceivedSpan } from '@tracelab/otlp-receiver';
import { parseJsonValues } from './json-stream';

export interface FindTracesQuery {
  service: string;
  operation?: string;
  startTimeMin: Date;
  startTimeMax: Date;
  /** How many traces Jaeger may return at most. */
  depth: number;
  /** Span attributes every matching trace must have (`query.attributes`; Jaeger versions without it ignore it). */
  attributes?: Record<string, string>;
}

/** GET /api/v3/traces/{id}: the trace's spans, or none if Jaeger does not know it. */
export async function getTrace(jaegerUrl: string, traceId: string): Promise<ReceivedSpan[]> {
  return request(new URL(`/api/v3/traces/${encodeURIComponent(traceId)}`, jaegerUrl));
}

/** GET /api/v3/traces?query.*: every span of every matching trace. */
export async function findTraces(jaegerUrl: string, query: FindTracesQuery): Promise<ReceivedSpan[]> {
  const url = new URL('/api/v3/traces', jaegerUrl);
  // The snake_case names work on every Jaeger v2 (newer ones keep them as aliases of camelCase names).
  url.searchParams.set('query.service_name', query.service);
  if (query.operation) url.searchParams.set('query.operation_name', query.operation);
  url.searchParams.set('query.start_time_min', query.startTimeMin.toISOString());
  url.searchParams.set('query.start_time_max', query.startTimeMax.toISOString());
  // search_depth replaced num_traces; older versions only know the latter and ignore the former.
  url.searchParams.set('query.search_depth', String(query.depth));
  url.searchParams.set('query.num_traces', String(query.depth));
  if (query.attributes) url.searchParams.set('query.attributes', JSON.stringify(query.attributes));
  return request(url);
}

interface GatewayError {
  error: { httpCode?: number; message?: string };
}

const isGatewayError = (value: unknown): value is GatewayError =>
  typeof value === 'object' && value !== null && typeof (value as GatewayError).error === 'object';

async function request(url: URL): Promise<ReceivedSpan[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  // Jaeger answers 404 both for an unknown trace id and for a search without results.
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`Jaeger answered ${response.status} for ${url.pathname}${url.search}: ${body.slice(0, 300)}`);
  return parseJsonValues(body).flatMap((value) => {
    if (!isGatewayError(value)) return decodeTraces(value);
    if (value.error.httpCode === 404) return [];
    throw new Error(`Jaeger error for ${url.pathname}: ${value.error.message ?? JSON.stringify(value.error)}`);
  });
}
