import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { buildTree, entrySpan, type TraceTree } from '../analysis/trace-tree';
import { byStart, groupByTrace, isGatewayServer, isPlaceOrderEntry, orderIdsOf } from '../spans';

/** Ids of the `last` most recent checkout traces (with a gateway `POST /orders` server span), newest first. */
export function latestCheckoutTraceIds(spans: readonly ReceivedSpan[], last: number): string[] {
  const entries = [...groupByTrace(spans).values()]
    .map((trace) => trace.filter(isPlaceOrderEntry).sort(byStart)[0])
    .filter((entry): entry is ReceivedSpan => entry !== undefined)
    .sort((a, b) => byStart(b, a));
  return entries.slice(0, last).map((entry) => entry.traceId);
}

/**
 * The chosen traces, plus every trace that may hold the rest of them: one sharing an order id,
 * or one that starts somewhere other than the gateway while a chosen trace was running.
 */
export function withRelatedTraces(spans: readonly ReceivedSpan[], chosenIds: Iterable<string>): ReceivedSpan[] {
  const trees = [...groupByTrace(spans).values()].map(buildTree);
  const chosenSet = new Set(chosenIds);
  const chosen = trees.filter((tree) => chosenSet.has(tree.traceId));
  const orderIds = new Set(chosen.flatMap((tree) => orderIdsOf(tree.spans)));
  const related = trees.filter(
    (tree) => chosenSet.has(tree.traceId) || orderIdsOf(tree.spans).some((id) => orderIds.has(id)) || chosen.some((outer) => isFragmentWithin(tree, outer)),
  );
  return related.flatMap((tree) => tree.spans);
}

function isFragmentWithin(fragment: TraceTree, outer: TraceTree): boolean {
  const root = entrySpan(fragment);
  return !isGatewayServer(root) && root.startTimeUnixNano >= outer.start && root.startTimeUnixNano <= outer.end;
}
