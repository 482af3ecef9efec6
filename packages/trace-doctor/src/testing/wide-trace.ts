import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { CLIENT, INTERNAL, node, SERVER, type SpanNode, toSpans } from './span-builder';

const SERVICES = ['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification'];

/**
 * Test data only: a trace of exactly `count` spans, filled level by level with `fanOut` children
 * per span, each child inside its parent's time, so the tree is deep enough to fold.
 */
export function wideTrace(traceId: string, count: number, fanOut = 6): ReceivedSpan[] {
  const root: SpanNode = node('gateway', 'GET /wide', SERVER, 0, 1000);
  const queue: SpanNode[] = [root];
  for (let made = 1, depth = 0; made < count; depth++) {
    const parent = queue.shift()!;
    const width = parent.ms / fanOut;
    for (let i = 0; i < fanOut && made < count; i++, made++) {
      const service = SERVICES[(made + depth) % SERVICES.length]!;
      const child = node(service, `step ${made}`, i % 2 ? CLIENT : INTERNAL, parent.at + i * width, width * 0.9, [], { error: made % 97 === 0 });
      parent.children!.push(child);
      queue.push(child);
    }
  }
  return toSpans(traceId, root);
}
