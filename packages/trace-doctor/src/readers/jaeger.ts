import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { groupByTrace, orderIdsOf, uniqueSpans } from '../spans';
import { findTraces, getTrace } from './jaeger-api';
import { DEFAULT_LAST, type TraceSelection } from './local';
import { latestCheckoutTraceIds, withRelatedTraces } from './select-traces';

export interface JaegerSelection extends TraceSelection {
  /** How far back `last` looks for checkout traces (default one hour). */
  lookbackMs?: number;
}

const MINUTE = 60_000;
const SERVICES_AFTER_GATEWAY = ['order', 'inventory', 'payment', 'fraud-detection', 'notification'];
// Spans of a split order can arrive well after the request: the outbox relay retries after 5 s or more.
const LATE_SPANS_MS = 10 * MINUTE;

/** Spans from Jaeger's api/v3: the selected traces and every trace of the same orders. */
export async function readJaeger(jaegerUrl: string, selection: JaegerSelection = {}): Promise<ReceivedSpan[]> {
  const chosen = selection.traceId
    ? await getTrace(jaegerUrl, selection.traceId.toLowerCase())
    : await latestCheckouts(jaegerUrl, selection.last ?? DEFAULT_LAST, selection.lookbackMs ?? 60 * MINUTE);
  if (chosen.length === 0) return [];
  const candidates = await relatedCandidates(jaegerUrl, chosen);
  return withRelatedTraces(uniqueSpans([...chosen, ...candidates]), groupByTrace(chosen).keys());
}

/**
 * Jaeger does not promise which traces a search returns first, so the window widens
 * from the last few minutes until it holds `last` checkout traces.
 */
async function latestCheckouts(jaegerUrl: string, last: number, lookbackMs: number): Promise<ReceivedSpan[]> {
  const now = Date.now();
  const windows = [5 * MINUTE, 30 * MINUTE, lookbackMs].filter((ms, i, all) => ms <= lookbackMs && all.indexOf(ms) === i);
  let spans: ReceivedSpan[] = [];
  for (const windowMs of windows) {
    spans = await findTraces(jaegerUrl, {
      service: 'gateway',
      operation: 'POST /orders',
      startTimeMin: new Date(now - windowMs),
      startTimeMax: new Date(now + MINUTE),
      depth: Math.max(last * 4, 20),
    });
    if (latestCheckoutTraceIds(spans, last).length >= last) break;
  }
  const ids = new Set(latestCheckoutTraceIds(spans, last));
  return spans.filter((span) => ids.has(span.traceId));
}

/** Traces that may hold the rest of the chosen ones: by order id where Jaeger can search attributes, and by time. */
async function relatedCandidates(jaegerUrl: string, chosen: readonly ReceivedSpan[]): Promise<ReceivedSpan[]> {
  let earliest = chosen[0]!.startTimeUnixNano;
  let latest = chosen[0]!.endTimeUnixNano;
  for (const span of chosen) {
    if (span.startTimeUnixNano < earliest) earliest = span.startTimeUnixNano;
    if (span.endTimeUnixNano > latest) latest = span.endTimeUnixNano;
  }
  const from = new Date(Number(earliest / 1_000_000n) - MINUTE);
  const until = new Date(Number(latest / 1_000_000n) + LATE_SPANS_MS);
  const byTime = SERVICES_AFTER_GATEWAY.map((service) => () => findTraces(jaegerUrl, { service, startTimeMin: from, startTimeMax: until, depth: 100 }));
  const byOrderId = orderIdsOf(chosen).flatMap((orderId) =>
    SERVICES_AFTER_GATEWAY.map(
      (service) => () => findTraces(jaegerUrl, { service, startTimeMin: from, startTimeMax: until, depth: 20, attributes: { 'shop.order.id': orderId } }),
    ),
  );
  return (await inBatches([...byOrderId, ...byTime], 6)).flat();
}

async function inBatches<T>(tasks: readonly (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += size) results.push(...(await Promise.all(tasks.slice(i, i + size).map((task) => task()))));
  return results;
}
