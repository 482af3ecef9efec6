import type { Finding } from '../model';
import { orderIdOf, orderIdsOf } from '../spans';
import { isLinkedConsumerRoot, linkedHopAt } from './hops';
import type { TraceTree } from './trace-tree';

/** Consumers that start their own trace with a link to the publisher: a design choice, reported as a note. */
export function linkFindings(tree: TraceTree): Finding[] {
  return tree.roots.filter(isLinkedConsumerRoot).map((span) => {
    const link = span.links.find((candidate) => candidate.traceId !== span.traceId)!;
    return {
      kind: 'link',
      hop: linkedHopAt(span),
      orderId: orderIdOf(span) ?? orderIdsOf(tree.spans)[0],
      traceId: tree.traceId,
      message: `${span.service} '${span.name}' starts its own trace with a link to span ${link.spanId} of trace ${link.traceId}, not as its child`,
    };
  });
}
