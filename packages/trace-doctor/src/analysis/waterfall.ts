import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import type { WaterfallRow } from '../model';
import { isError, kindName, nanosToMs } from '../spans';
import { childrenOf, type TraceTree, topLevelSpans } from './trace-tree';

/** The trace as an indented tree in start order; orphans start their own branch at depth 0. */
export function waterfall(tree: TraceTree): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  const visited = new Set<string>();
  const visit = (span: ReceivedSpan, depth: number) => {
    // Guards against a malformed trace whose parent ids form a cycle.
    if (visited.has(span.spanId)) return;
    visited.add(span.spanId);
    rows.push({
      depth,
      spanId: span.spanId,
      service: span.service,
      name: span.name,
      kind: kindName(span),
      offsetMs: nanosToMs(span.startTimeUnixNano - tree.start),
      durationMs: span.durationMs,
      error: isError(span),
      orphan: tree.orphans.includes(span),
      ...(span.parentSpanId !== undefined ? { parentSpanId: span.parentSpanId } : {}),
      links: span.links.map((link) => ({ traceId: link.traceId, spanId: link.spanId })),
    });
    for (const child of childrenOf(tree, span)) visit(child, depth + 1);
  };
  for (const span of topLevelSpans(tree)) visit(span, 0);
  return rows;
}
