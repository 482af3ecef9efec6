import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import type { DoctorReport, EdgeCheck, Finding, TraceSummary } from '../model';
import { groupByTrace, isError, isoTime, kindName, nanosToMs, orderIdOf, orderIdsOf, uniqueSpans } from '../spans';
import { criticalPath } from './critical-path';
import { checkEdges, observedEdges } from './expected-edges';
import { linkFindings } from './links';
import { messageHops, type SpanIndex, spanKey } from './message-hops';
import { missingEdgeFindings } from './missing-edges';
import { orphanFindings } from './orphans';
import { topSelfTime } from './self-time';
import { splitFindings } from './splits';
import { buildTree, entrySpan, type TraceTree } from './trace-tree';
import { waterfall } from './waterfall';

/** Judges a set of spans: one summary per trace, and the findings that make the verdict. */
export function analyze(spans: readonly ReceivedSpan[]): DoctorReport {
  const unique = uniqueSpans(spans);
  const trees = [...groupByTrace(unique).values()].map(buildTree).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const spansByOrderId = indexByOrderId(unique);
  const checks = new Map(trees.map((tree) => [tree.traceId, checkEdges(tree, relatedSpans(tree, spansByOrderId), unique)] as const));
  const findings: Finding[] = [
    ...trees.flatMap((tree) => [...missingEdgeFindings(tree, checks.get(tree.traceId)!), ...orphanFindings(tree), ...linkFindings(tree)]),
    ...splitFindings(trees, checks),
  ];
  const everySpan: SpanIndex = new Map(unique.map((span) => [spanKey(span.traceId, span.spanId), span]));
  return {
    whole: trees.length > 0 && findings.every((finding) => finding.kind === 'link'),
    traces: trees.map((tree) => summarize(tree, checks.get(tree.traceId)!, everySpan)),
    findings,
  };
}

function indexByOrderId(spans: readonly ReceivedSpan[]): Map<string, ReceivedSpan[]> {
  const byOrderId = new Map<string, ReceivedSpan[]>();
  for (const span of spans) {
    const orderId = orderIdOf(span);
    if (!orderId) continue;
    const spans = byOrderId.get(orderId);
    if (spans) spans.push(span);
    else byOrderId.set(orderId, [span]);
  }
  return byOrderId;
}

/** Spans of the same orders in other traces. */
function relatedSpans(tree: TraceTree, spansByOrderId: ReadonlyMap<string, ReceivedSpan[]>): ReceivedSpan[] {
  return orderIdsOf(tree.spans).flatMap((orderId) => (spansByOrderId.get(orderId) ?? []).filter((span) => span.traceId !== tree.traceId));
}

function summarize(tree: TraceTree, expectedEdges: EdgeCheck[], everySpan: SpanIndex): TraceSummary {
  const entry = entrySpan(tree);
  return {
    traceId: tree.traceId,
    startTime: isoTime(tree.start),
    durationMs: nanosToMs(tree.end - tree.start),
    spanCount: tree.spans.length,
    errorSpanCount: tree.spans.filter(isError).length,
    services: [...new Set(tree.spans.map((span) => span.service))],
    orderIds: orderIdsOf(tree.spans),
    root: { service: entry.service, name: entry.name, kind: kindName(entry) },
    rootCount: tree.roots.length,
    expectedEdges,
    observedEdges: observedEdges(tree),
    waterfall: waterfall(tree),
    criticalPath: criticalPath(tree),
    topSelfTime: topSelfTime(tree),
    messageHops: messageHops(tree, everySpan),
  };
}
