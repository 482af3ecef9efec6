import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import type { TimedSpan } from '../model';
import { childrenOf, entrySpan, type TraceTree } from './trace-tree';

/** From the entry span, repeatedly the child that ends last: the chain the trace's end waited on. */
export function criticalPath(tree: TraceTree): TimedSpan[] {
  const path: TimedSpan[] = [];
  const visited = new Set<string>();
  let current: ReceivedSpan | undefined = entrySpan(tree);
  while (current && !visited.has(current.spanId)) {
    visited.add(current.spanId);
    path.push({ spanId: current.spanId, service: current.service, name: current.name, durationMs: current.durationMs });
    current = lastToEnd(childrenOf(tree, current));
  }
  return path;
}

function lastToEnd(spans: readonly ReceivedSpan[]): ReceivedSpan | undefined {
  let last: ReceivedSpan | undefined;
  for (const span of spans) if (!last || span.endTimeUnixNano >= last.endTimeUnixNano) last = span;
  return last;
}
