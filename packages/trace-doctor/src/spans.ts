import { SpanKind, StatusCode, type ReceivedSpan } from '@tracelab/otlp-receiver';
import { GATEWAY } from './topology';

export const ORDER_ID_ATTRIBUTE = 'shop.order.id';
export const ORDER_STATUS_ATTRIBUTE = 'shop.order.status';
export const ROUTING_KEY_ATTRIBUTE = 'messaging.rabbitmq.destination.routing_key';

const KIND_NAMES: Record<number, string> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

export const kindName = (span: ReceivedSpan): string => KIND_NAMES[span.kind] ?? 'unspecified';
export const isError = (span: ReceivedSpan): boolean => span.status.code === StatusCode.ERROR;
export const nanosToMs = (nanos: bigint): number => Number(nanos) / 1e6;
export const isoTime = (nanos: bigint): string => new Date(Number(nanos / 1_000_000n)).toISOString();

export function orderIdOf(span: ReceivedSpan): string | undefined {
  const value = span.attributes[ORDER_ID_ATTRIBUTE];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function orderIdsOf(spans: readonly ReceivedSpan[]): string[] {
  return [...new Set(spans.map(orderIdOf).filter((id): id is string => id !== undefined))];
}

export const isGatewayServer = (span: ReceivedSpan): boolean => span.service === GATEWAY && span.kind === SpanKind.SERVER;

/** `POST /orders` as the http instrumentation names it (`<METHOD> <route>`). */
export const isPlaceOrderEntry = (span: ReceivedSpan): boolean => isGatewayServer(span) && /^POST \/orders\b/.test(span.name);

export function groupByTrace(spans: readonly ReceivedSpan[]): Map<string, ReceivedSpan[]> {
  const traces = new Map<string, ReceivedSpan[]>();
  for (const span of spans) {
    const trace = traces.get(span.traceId);
    if (trace) trace.push(span);
    else traces.set(span.traceId, [span]);
  }
  return traces;
}

export const byStart = (a: ReceivedSpan, b: ReceivedSpan): number =>
  a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : 0;

/** The same span can come back from several Jaeger searches. */
export function uniqueSpans(spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  const seen = new Map<string, ReceivedSpan>();
  for (const span of spans) seen.set(`${span.traceId}/${span.spanId}`, span);
  return [...seen.values()];
}
