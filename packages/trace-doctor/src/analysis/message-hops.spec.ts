import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { checkoutTrace } from '../testing/checkout';
import { breakAt } from '../testing/span-builder';
import { analyze } from './analyze';

const ORDER = '5f0e7c1a-0000-4000-8000-00000000b001';
const isConsumer = (span: ReceivedSpan) => span.name === 'process order.confirmed';

describe('message hops', () => {
  it('pairs the consumer with its parent producer and measures the queue wait from the publish', () => {
    const [trace] = analyze(checkoutTrace('trace-1', ORDER)).traces;

    expect(trace!.messageHops).toEqual([
      expect.objectContaining({
        producer: expect.objectContaining({ service: 'order', name: 'publish orders' }),
        consumer: expect.objectContaining({ service: 'notification', name: 'process order.confirmed' }),
        relation: 'child',
        queueWaitMs: 14,
      }),
    ]);
  });

  it('follows a link mode consumer to the producer in the other trace', () => {
    const report = analyze(breakAt(checkoutTrace('trace-1', ORDER), isConsumer, 'trace-2', { link: true }));
    const consumerTrace = report.traces.find((trace) => trace.traceId === 'trace-2')!;

    expect(consumerTrace.messageHops).toEqual([
      expect.objectContaining({ relation: 'link', producer: expect.objectContaining({ traceId: 'trace-1', name: 'publish orders' }), queueWaitMs: 14 }),
    ]);
    expect(consumerTrace.waterfall[0]).toMatchObject({ name: 'process order.confirmed', links: [{ traceId: 'trace-1' }] });
    expect(consumerTrace.waterfall[0]!.parentSpanId).toBeUndefined();
  });

  it('finds no hop for a consumer whose publisher is nowhere', () => {
    const report = analyze(breakAt(checkoutTrace('trace-1', ORDER), isConsumer, 'trace-2'));
    expect(report.traces.flatMap((trace) => trace.messageHops)).toEqual([]);
  });
});
