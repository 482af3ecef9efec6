import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { byStart, isGatewayServer } from '../spans';

/** One trace's spans, indexed for walking parent → children. */
export interface TraceTree {
  traceId: string;
  /** Ordered by start time. */
  spans: ReceivedSpan[];
  byId: ReadonlyMap<string, ReceivedSpan>;
  /** Children of each span id, ordered by start time. */
  children: ReadonlyMap<string, readonly ReceivedSpan[]>;
  /** Spans without a parent id. */
  roots: ReceivedSpan[];
  /** Spans whose parent id is set but not in the trace. */
  orphans: ReceivedSpan[];
  start: bigint;
  end: bigint;
}

const NO_CHILDREN: readonly ReceivedSpan[] = [];

export function buildTree(spans: readonly ReceivedSpan[]): TraceTree {
  if (spans.length === 0) throw new Error('a trace needs at least one span');
  const sorted = [...spans].sort(byStart);
  const byId = new Map(sorted.map((span) => [span.spanId, span]));
  const children = new Map<string, ReceivedSpan[]>();
  const roots: ReceivedSpan[] = [];
  const orphans: ReceivedSpan[] = [];
  for (const span of sorted) {
    if (span.parentSpanId === undefined) roots.push(span);
    else if (!byId.has(span.parentSpanId) || span.parentSpanId === span.spanId) orphans.push(span);
    else {
      const siblings = children.get(span.parentSpanId);
      if (siblings) siblings.push(span);
      else children.set(span.parentSpanId, [span]);
    }
  }
  return {
    traceId: sorted[0]!.traceId,
    spans: sorted,
    byId,
    children,
    roots,
    orphans,
    start: sorted.reduce((min, s) => (s.startTimeUnixNano < min ? s.startTimeUnixNano : min), sorted[0]!.startTimeUnixNano),
    end: sorted.reduce((max, s) => (s.endTimeUnixNano > max ? s.endTimeUnixNano : max), sorted[0]!.endTimeUnixNano),
  };
}

/** Direct children, ordered by start time. */
export function childrenOf(tree: TraceTree, span: ReceivedSpan): readonly ReceivedSpan[] {
  return tree.children.get(span.spanId) ?? NO_CHILDREN;
}

export function parentOf(tree: TraceTree, span: ReceivedSpan): ReceivedSpan | undefined {
  return span.parentSpanId === undefined ? undefined : tree.byId.get(span.parentSpanId);
}

/**
 * A gateway server span whose parent is missing is the entry of a request whose client sent a
 * `traceparent` (a load test, say): the client's own span is never exported, so it is no orphan.
 */
export function isRemoteEntry(tree: TraceTree, span: ReceivedSpan): boolean {
  return isGatewayServer(span) && tree.orphans.includes(span);
}

/** Where the waterfall starts: true roots and orphans, by start time. */
export function topLevelSpans(tree: TraceTree): ReceivedSpan[] {
  return [...tree.roots, ...tree.orphans].sort(byStart);
}

/** The span the trace starts with: the gateway's server span if it is a root, else the earliest root or orphan. */
export function entrySpan(tree: TraceTree): ReceivedSpan {
  const topLevel = topLevelSpans(tree);
  return topLevel.find((span) => isGatewayServer(span)) ?? topLevel[0] ?? tree.spans[0]!;
}

/** Whether the trace begins where a request enters the system, at the gateway. */
export function startsAtGateway(tree: TraceTree): boolean {
  return isGatewayServer(entrySpan(tree));
}
