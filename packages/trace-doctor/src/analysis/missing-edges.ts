import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import type { EdgeCheck, Finding } from '../model';
import { isError, kindName, orderIdsOf } from '../spans';
import { outgoingSpans } from './expected-edges';
import type { TraceTree } from './trace-tree';

/**
 * A finding per expected edge that is missing. An edge whose caller is not in the trace at all
 * is left out: the missing edge into that caller already explains it.
 */
export function missingEdgeFindings(tree: TraceTree, checks: readonly EdgeCheck[]): Finding[] {
  const services = new Set(tree.spans.map((span) => span.service));
  return checks
    .filter((check) => check.status === 'missing' && services.has(check.from))
    .map((check) => ({
      kind: 'missing-edge',
      hop: check.hop,
      orderId: orderIdsOf(tree.spans)[0],
      traceId: tree.traceId,
      message: `expected ${check.hop}, but ${whatTheCallerDid(outgoingSpans(tree, check), check)}`,
    }));
}

function whatTheCallerDid(callers: readonly ReceivedSpan[], check: EdgeCheck): string {
  const calleeKind = check.transport === 'RabbitMQ' ? 'consumer' : 'server';
  if (callers.length === 0) return `${check.from} has no span calling ${check.to} in this trace`;
  const caller = callers[0]!;
  const failed = callers.find(isError);
  const failure = failed ? `; the call is ERROR${failed.status.message ? ` (${failed.status.message})` : ''}, so ${check.to} may never have received it` : '';
  return `${check.from} '${caller.name}' (${kindName(caller)}) has no ${check.to} ${calleeKind} span as its child${failure}`;
}
