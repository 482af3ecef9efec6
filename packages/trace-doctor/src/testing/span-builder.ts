import { SpanKind, StatusCode, type ReceivedSpan } from '@tracelab/otlp-receiver';

/** Test data only: a span and its subtree, with times in ms from the start of the scenario. */
export interface SpanNode {
  service: string;
  name: string;
  kind: number;
  at: number;
  ms: number;
  attributes?: Record<string, unknown>;
  error?: boolean;
  children?: SpanNode[];
}

// Beyond 2^53 on purpose, as real epoch nanoseconds are.
const EPOCH_NANOS = 1_750_000_000_000_000_000n;
let nextSpanNumber = 1;

const nanosAt = (ms: number): bigint => EPOCH_NANOS + BigInt(Math.round(ms * 1e6));

export function node(service: string, name: string, kind: number, at: number, ms: number, children: SpanNode[] = [], extra: Partial<SpanNode> = {}): SpanNode {
  return { service, name, kind, at, ms, children, ...extra };
}

export function toSpans(traceId: string, root: SpanNode, parentSpanId?: string): ReceivedSpan[] {
  const spanId = (nextSpanNumber++).toString(16).padStart(16, '0');
  const span: ReceivedSpan = {
    traceId,
    spanId,
    parentSpanId,
    name: root.name,
    kind: root.kind,
    service: root.service,
    startTimeUnixNano: nanosAt(root.at),
    endTimeUnixNano: nanosAt(root.at + root.ms),
    durationMs: root.ms,
    attributes: root.attributes ?? {},
    resource: { 'service.name': root.service },
    status: { code: root.error ? StatusCode.ERROR : StatusCode.UNSET },
    events: [],
    links: [],
  };
  return [span, ...(root.children ?? []).flatMap((child) => toSpans(traceId, child, spanId))];
}

/**
 * What a lost context does: the subtree under the first span matching `where` starts trace `newTraceId`.
 * With `link`, its new root keeps a span link to its old parent (the messaging link mode).
 */
export function breakAt(spans: ReceivedSpan[], where: (span: ReceivedSpan) => boolean, newTraceId: string, options: { link?: boolean } = {}): ReceivedSpan[] {
  const cut = spans.find(where);
  if (!cut) throw new Error('breakAt: no span matches');
  const moved = new Set([cut.spanId]);
  for (const span of spans) if (span.parentSpanId && moved.has(span.parentSpanId)) moved.add(span.spanId);
  return spans.map((span) => {
    if (!moved.has(span.spanId)) return span;
    if (span !== cut) return { ...span, traceId: newTraceId };
    const links = options.link && cut.parentSpanId ? [{ traceId: cut.traceId, spanId: cut.parentSpanId }] : [];
    return { ...span, traceId: newTraceId, parentSpanId: undefined, links };
  });
}

export const { SERVER, CLIENT, INTERNAL, PRODUCER, CONSUMER } = SpanKind;
