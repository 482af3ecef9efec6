import { fetchSpans, type ReceivedSpan, SpanKind } from '@tracelab/otlp-receiver';
import { RECEIVER_URL } from './env';

export { SpanKind };
export type { ReceivedSpan };

/**
 * Polls `read` until the trace satisfies `complete` and has stopped growing (no new span for
 * `settleMs`), so assertions see the whole trace.
 */
export async function pollTrace(
  read: () => Promise<ReceivedSpan[]>,
  traceId: string,
  complete: (spans: ReceivedSpan[]) => boolean,
  { timeoutMs = 15000, settleMs = 600, intervalMs = 100, source = 'receiver' } = {},
): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + timeoutMs;
  let last: ReceivedSpan[] = [];
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const spans = await read();
    if (spans.length !== last.length) stableSince = Date.now();
    last = spans;
    if (complete(spans) && Date.now() - stableSince >= settleMs) return spans;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`trace ${traceId} incomplete in the ${source} after ${timeoutMs} ms:\n${describeTrace(last)}`);
}

/** Polls the receiver until the trace is complete (see pollTrace). */
export const waitForTrace = (traceId: string, complete: (spans: ReceivedSpan[]) => boolean, options: { timeoutMs?: number; settleMs?: number } = {}) =>
  pollTrace(() => fetchSpans(RECEIVER_URL, traceId), traceId, complete, options);

export const allSpans = () => fetchSpans(RECEIVER_URL);

export const hasService = (service: string) => (spans: ReceivedSpan[]) => spans.some((s) => s.service === service);

/**
 * The service's entry span (SERVER or CONSUMER; `name` narrows it by how its name ends): the last
 * span the service ends for a call. Each service exports on its own schedule, but in the order its
 * spans end, so with its entry span come all its earlier ones.
 */
export const hasEntry = (service: string, name = '') => (spans: ReceivedSpan[]) =>
  spans.some((s) => s.service === service && (s.kind === SpanKind.SERVER || s.kind === SpanKind.CONSUMER) && s.name.endsWith(name));

/** Every one of these services' entry spans is in (see hasEntry). */
export const hasEntries = (...services: string[]) => (spans: ReceivedSpan[]) => services.every((service) => hasEntry(service)(spans));

export function byId(spans: ReceivedSpan[]): Map<string, ReceivedSpan> {
  return new Map(spans.map((s) => [s.spanId, s]));
}

/** Parent→child edges that cross a service boundary, as "parent-service -> child-service". */
export function serviceEdges(spans: ReceivedSpan[]): string[] {
  const index = byId(spans);
  const edges = new Set<string>();
  for (const span of spans) {
    const parent = span.parentSpanId ? index.get(span.parentSpanId) : undefined;
    if (parent && parent.service !== span.service) edges.add(`${parent.service} -> ${span.service}`);
  }
  return [...edges].sort();
}

export const roots = (spans: ReceivedSpan[]) => spans.filter((s) => !s.parentSpanId);

/** Spans whose parent is named but absent from the trace. */
export function orphans(spans: ReceivedSpan[]): ReceivedSpan[] {
  const index = byId(spans);
  return spans.filter((s) => s.parentSpanId && !index.has(s.parentSpanId));
}

export function parentOf(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan | undefined {
  return span.parentSpanId ? byId(spans).get(span.parentSpanId) : undefined;
}

export function find(spans: ReceivedSpan[], predicate: (s: ReceivedSpan) => boolean, what: string): ReceivedSpan {
  const found = spans.find(predicate);
  if (!found) throw new Error(`no span ${what} in:\n${describeTrace(spans)}`);
  return found;
}

export function describeTrace(spans: ReceivedSpan[]): string {
  return spans
    .map((s) => `  ${s.service.padEnd(16)} ${String(s.kind)} ${s.name} ${s.spanId}<-${s.parentSpanId ?? 'root'} status=${s.status.code}`)
    .join('\n');
}
