import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import type { TimedSpan } from '../model';
import { byStart } from '../spans';
import { childrenOf, entrySpan, type TraceTree } from './trace-tree';

/**
 * The spans the end of the trace waited on, in start order. Walking back from a span's end, the
 * path takes the child that finished last, continues inside it, then goes on from that child's
 * start with the sibling that finished last before it (Jaeger's critical-path algorithm, allowing a
 * client span to close up to 1 ms after the next step began): work done
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
      // At the span's end any child still open counts (it outlived the span); before a later step, only a handover's overlap.
      const child = lastToFinishBy(children, cursor, cursor === until ? undefined : HANDOVER_NANOS);
      if (!child) return;
      visit(child, min(child.endTimeUnixNano, cursor));
      cursor = child.startTimeUnixNano;
    }
  };
  const entry = entrySpan(tree);
  visit(entry, entry.endTimeUnixNano);
  return [...onPath.values()].sort(byStart).map((span) => ({ spanId: span.spanId, service: span.service, name: span.name, durationMs: span.durationMs }));
}

/**
 * A client span is closed in the callback that hands its answer on, so the caller's next step can
 * begin a little before it ends: up to this much overlap still counts as one step after another.
 */
const HANDOVER_NANOS = 1_000_000n;

/** Of the children that started before `cursor` and ended by it (give or take `slack`), the one that ended last; on a tie the later starter. */
function lastToFinishBy(children: readonly ReceivedSpan[], cursor: bigint, slack: bigint | undefined): ReceivedSpan | undefined {
  let last: ReceivedSpan | undefined;
  let lastEnd = 0n;
  for (const child of children) {
    if (child.startTimeUnixNano >= cursor || (slack !== undefined && child.endTimeUnixNano > cursor + slack)) continue;
    const end = min(child.endTimeUnixNano, cursor);
    if (!last || end > lastEnd || (end === lastEnd && child.startTimeUnixNano > last.startTimeUnixNano)) [last, lastEnd] = [child, end];
  }
  return last;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
