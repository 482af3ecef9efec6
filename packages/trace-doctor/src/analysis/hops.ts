import { SpanKind, type ReceivedSpan } from '@tracelab/otlp-receiver';
import type { ServiceEdge } from '../model';
import { edgeInto, hopName } from '../topology';

/** The hop into `span`'s service, guessing the transport for a service outside the checkout. */
function hopInto(span: ReceivedSpan): string {
  const known = edgeInto(span.service);
  if (known) return hopName(known);
  const transport: ServiceEdge['transport'] =
    span.kind === SpanKind.CONSUMER ? 'RabbitMQ' : span.attributes['rpc.system'] === 'grpc' ? 'gRPC' : 'HTTP';
  return hopName({ from: 'unknown', to: span.service, transport });
}

/** Names where propagation broke, from the root span of a trace that should not have started there. */
export function brokenHopAt(root: ReceivedSpan): string {
  if (root.kind === SpanKind.CONSUMER) return `${hopInto(root)}: consumer started a new trace`;
  if (root.kind === SpanKind.SERVER) return `${hopInto(root)}: server started a new trace`;
  return `context lost inside ${root.service}: '${root.name}' started a new trace (orphan root)`;
}

export function linkedHopAt(consumer: ReceivedSpan): string {
  return `${hopInto(consumer)}: consumer linked, not parented (link mode)`;
}

/** The hop into a span whose parent is not in its trace. */
export function orphanHopAt(span: ReceivedSpan): string {
  if (span.kind === SpanKind.SERVER || span.kind === SpanKind.CONSUMER) return `${hopInto(span)}: parent span not in the trace`;
  return `inside ${span.service}: '${span.name}' has a parent span not in the trace`;
}

/** A consumer that starts its own trace on purpose and links back to the message's publisher. */
export function isLinkedConsumerRoot(span: ReceivedSpan): boolean {
  return (
    span.kind === SpanKind.CONSUMER &&
    span.parentSpanId === undefined &&
    span.links.some((link) => link.traceId !== span.traceId)
  );
}
