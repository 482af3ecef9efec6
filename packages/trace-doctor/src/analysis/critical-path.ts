import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import type { TimedSpan } from '../model';
import { byStart } from '../spans';
import { childrenOf, entrySpan, type TraceTree } from './trace-tree';

/**
 * The spans the end of the trace waited on, in start order. Walking back from a span's end, the
 * path takes the child that finished last, continues inside it, then goes on from that child's
 * start with the sibling that finished last before it (Jaeger's critical-path algorithm): work done
 * one step after another stays on the path, a child running beside a longer one does not. A child
 * that outlives its parent (a consumer after its message's publish, a server span after its client
 * had the answer) counts only up to the parent's end.
 */
export function criticalPath(tree: TraceTree): TimedSpan[] {
  const onPath = new Map<string, ReceivedSpan>();
  // `until`: where the path leaves this span, its end or its caller's end if that came first
  // (a server span that goes on after its client has its answer).
  const visit = (span: ReceivedSpan, until: bigint) => {
    // Guards against a malformed trace whose parent ids form a cycle.
    if (onPath.has(span.spanId)) return;
    onPath.set(span.spanId, span);
    const children = childrenOf(tree, span).filter((child) => child.startTimeUnixNano < until);
    for (let cursor = until; ; ) {
      const child = lastToFinishBy(children, until, cursor);
      if (!child) return;
      visit(child, min(child.endTimeUnixNano, until));
      cursor = child.startTimeUnixNano;
    }
  };
  const entry = entrySpan(tree);
  visit(entry, entry.endTimeUnixNano);
  return [...onPath.values()].sort(byStart).map((span) => ({ spanId: span.spanId, service: span.service, name: span.name, durationMs: span.durationMs }));
}

/** The child whose end (clipped to `limit`) comes last but no later than `cursor`. */
function lastToFinishBy(children: readonly ReceivedSpan[], limit: bigint, cursor: bigint): ReceivedSpan | undefined {
  let last: ReceivedSpan | undefined;
  for (const child of children) {
    const end = min(child.endTimeUnixNano, limit);
    if (end <= cursor && child.startTimeUnixNano < cursor && (!last || end >= min(last.endTimeUnixNano, limit))) last = child;
  }
  return last;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
