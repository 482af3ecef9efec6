import type { Finding } from '../model';
import { isGatewayServer, kindName, orderIdOf, orderIdsOf } from '../spans';
import { brokenHopAt, isLinkedConsumerRoot, orphanHopAt } from './hops';
import { isRemoteEntry, type TraceTree } from './trace-tree';

/** Spans whose parent is missing, and roots that are not where a request enters (the gateway's server span). */
export function orphanFindings(tree: TraceTree): Finding[] {
  const orderId = orderIdsOf(tree.spans)[0];
  const orphanSpans: Finding[] = tree.orphans
    .filter((span) => !isRemoteEntry(tree, span))
    .map((span) => ({
      kind: 'orphan-span',
      hop: orphanHopAt(span),
      orderId: orderIdOf(span) ?? orderId,
      traceId: tree.traceId,
      message:
        `${span.service} '${span.name}' (${kindName(span)}) has parent ${span.parentSpanId}, which is not in the trace ` +
        '(never exported, dropped, or still on its way)',
    }));
  const orphanRoots: Finding[] = tree.roots
    .filter((span) => !isGatewayServer(span) && !isLinkedConsumerRoot(span))
    .map((span) => ({
      kind: 'orphan-root',
      hop: brokenHopAt(span),
      orderId: orderIdOf(span) ?? orderId,
      traceId: tree.traceId,
      message: `trace starts at ${span.service} '${span.name}' (${kindName(span)}), not at the gateway's server span`,
    }));
  return [...orphanRoots, ...orphanSpans];
}
