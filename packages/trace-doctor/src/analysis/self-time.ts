import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import type { SelfTime } from '../model';
import { nanosToMs } from '../spans';
import { childrenOf, type TraceTree } from './trace-tree';

/** Time a span spent on its own: its duration minus the union of its children's intervals (clipped to it). */
export function selfTimeNanos(span: ReceivedSpan, children: readonly ReceivedSpan[]): bigint {
  const intervals = children
    .map((child) => [max(child.startTimeUnixNano, span.startTimeUnixNano), min(child.endTimeUnixNano, span.endTimeUnixNano)] as const)
    .filter(([start, end]) => end > start)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let covered = 0n;
  let coveredUntil = span.startTimeUnixNano;
  for (const [start, end] of intervals) {
    const from = max(start, coveredUntil);
    if (end > from) covered += end - from;
    coveredUntil = max(coveredUntil, end);
  }
  const self = span.endTimeUnixNano - span.startTimeUnixNano - covered;
  return self > 0n ? self : 0n;
}

export function topSelfTime(tree: TraceTree, count = 5): SelfTime[] {
  return tree.spans
    .map((span) => ({
      spanId: span.spanId,
      service: span.service,
      name: span.name,
      durationMs: span.durationMs,
      selfMs: nanosToMs(selfTimeNanos(span, childrenOf(tree, span))),
    }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, count);
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
