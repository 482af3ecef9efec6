import { SpanKind, type ReceivedSpan } from '@tracelab/otlp-receiver';
import type { MessageHop } from '../model';
import { nanosToMs } from '../spans';
import { parentOf, type TraceTree } from './trace-tree';

/** Spans of every trace read, by `traceId/spanId`: a linked consumer's publisher is in another trace. */
export type SpanIndex = ReadonlyMap<string, ReceivedSpan>;

export const spanKey = (traceId: string, spanId: string): string => `${traceId}/${spanId}`;

/**
 * Each consumer span of the trace with the producer span its message came from: its parent, or
 * (link mode) the producer it links to. The queue wait runs from the publish to the consumer's start.
 */
export function messageHops(tree: TraceTree, everySpan: SpanIndex): MessageHop[] {
  const hops: MessageHop[] = [];
  for (const consumer of tree.spans) {
    if (consumer.kind !== SpanKind.CONSUMER) continue;
    const parent = parentOf(tree, consumer);
    if (parent?.kind === SpanKind.PRODUCER) {
      hops.push(hop(parent, consumer, 'child'));
      continue;
    }
    const linked = consumer.links
      .map((link) => everySpan.get(spanKey(link.traceId, link.spanId)))
      .find((span) => span?.kind === SpanKind.PRODUCER);
    if (linked) hops.push(hop(linked, consumer, 'link'));
  }
  return hops;
}

function hop(producer: ReceivedSpan, consumer: ReceivedSpan, relation: MessageHop['relation']): MessageHop {
  const wait = consumer.startTimeUnixNano - producer.startTimeUnixNano;
  return {
    producer: { traceId: producer.traceId, spanId: producer.spanId, service: producer.service, name: producer.name },
    consumer: { traceId: consumer.traceId, spanId: consumer.spanId, service: consumer.service, name: consumer.name },
    relation,
    queueWaitMs: nanosToMs(wait > 0n ? wait : 0n),
  };
}
