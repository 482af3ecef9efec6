import { SpanKind, type ReceivedSpan } from '@tracelab/otlp-receiver';
import type { EdgeCheck, Finding } from '../model';
import { isGatewayServer, orderIdsOf } from '../spans';
import { outgoingSpans } from './expected-edges';
import { brokenHopAt, isLinkedConsumerRoot } from './hops';
import { entrySpan, startsAtGateway, type TraceTree } from './trace-tree';

/**
 * Orders whose spans ended up in more than one trace, each named by the hop where the context was lost.
 * `trees` must be ordered by start time; `checks` are the expected-edge checks per trace id.
 */
export function splitFindings(trees: readonly TraceTree[], checks: ReadonlyMap<string, readonly EdgeCheck[]>): Finding[] {
  const explained = new Set<string>();
  const findings: Finding[] = [];
  for (const [orderId, group] of tracesByOrderId(trees)) {
    if (group.length < 2) continue;
    const primary = group.find(startsAtGateway) ?? group[0]!;
    for (const secondary of group) {
      const root = entrySpan(secondary);
      if (secondary === primary || isGatewayServer(root) || isLinkedConsumerRoot(root)) continue;
      explained.add(secondary.traceId);
      findings.push(splitFinding(orderId, primary, secondary, root, ''));
    }
  }
  findings.push(...splitsPairedByTime(trees, checks, explained));
  return findings;
}

function tracesByOrderId(trees: readonly TraceTree[]): Map<string, TraceTree[]> {
  const groups = new Map<string, TraceTree[]>();
  for (const tree of trees) {
    for (const orderId of orderIdsOf(tree.spans)) {
      const group = groups.get(orderId);
      if (group) group.push(tree);
      else groups.set(orderId, [tree]);
    }
  }
  return groups;
}

/**
 * The gateway's spans carry no order id, so a lost context on gateway → order cannot be seen by id.
 * Instead, a trace that starts at the callee's server span while the caller's client span was
 * still open is taken as the call's continuation. Under concurrent load this pairing is a guess,
 * but the hop it names is the same for every candidate.
 */
function splitsPairedByTime(trees: readonly TraceTree[], checks: ReadonlyMap<string, readonly EdgeCheck[]>, explained: Set<string>): Finding[] {
  const findings: Finding[] = [];
  for (const tree of trees) {
    const missingCalls = (checks.get(tree.traceId) ?? []).filter((check) => check.status === 'missing' && check.transport !== 'RabbitMQ');
    for (const check of missingCalls) {
      for (const caller of outgoingSpans(tree, check)) {
        const fragment = trees.find((candidate) => {
          const root = entrySpan(candidate);
          return (
            candidate !== tree &&
            !explained.has(candidate.traceId) &&
            root.parentSpanId === undefined &&
            root.service === check.to &&
            root.kind === SpanKind.SERVER &&
            root.startTimeUnixNano >= caller.startTimeUnixNano &&
            root.startTimeUnixNano <= caller.endTimeUnixNano
          );
        });
        if (!fragment) continue;
        explained.add(fragment.traceId);
        const orderId = orderIdsOf(fragment.spans)[0] ?? orderIdsOf(tree.spans)[0];
        const pairing = ` (paired by time: it started while ${caller.service} '${caller.name}' was waiting)`;
        findings.push(splitFinding(orderId, tree, fragment, entrySpan(fragment), pairing));
      }
    }
  }
  return findings;
}

function splitFinding(orderId: string | undefined, primary: TraceTree, secondary: TraceTree, root: ReceivedSpan, note: string): Finding {
  const subject = orderId ? `order ${orderId}` : 'the request';
  return {
    kind: 'split-order',
    hop: brokenHopAt(root),
    ...(orderId ? { orderId } : {}),
    traceId: secondary.traceId,
    relatedTraceId: primary.traceId,
    message: `${subject} continues in trace ${secondary.traceId}, which starts at ${root.service} '${root.name}', apart from trace ${primary.traceId}${note}`,
  };
}
