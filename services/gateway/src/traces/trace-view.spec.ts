import { analyze } from '@tracelab/trace-doctor';
import { checkoutTrace } from '../../../../packages/trace-doctor/src/testing/checkout';
import { breakAt } from '../../../../packages/trace-doctor/src/testing/span-builder';
import { recentTraces, traceView } from './trace-view';

type Span = ReturnType<typeof checkoutTrace>[number];
const isConsumer = (span: Span) => span.name === 'process order.confirmed';
const examination = (spans: Span[]) => ({ report: analyze(spans), spans });

describe('traceView', () => {
  it('gives the doctor verdict of a split trace, its hop once in its most specific words, and the other half', () => {
    const view = traceView('split-1', 'the test', examination(breakAt(checkoutTrace('split-1', 'order-a'), isConsumer, 'split-2')))!;
    expect(view.whole).toBe(false);
    expect(view.brokenHops).toEqual(['order → notification over RabbitMQ: consumer started a new trace']);
    expect(view.otherHalves).toEqual(['split-2']);
    expect(view.spans.every((span) => view.trace.waterfall.some((row) => row.spanId === span.spanId))).toBe(true);
  });

  it('names the linked consumer of a publish from the trace the consumer started', () => {
    const view = traceView('linked-1', 'the test', examination(breakAt(checkoutTrace('linked-1', 'order-c'), isConsumer, 'linked-2', { link: true })))!;
    expect(view.whole).toBe(true);
    expect(view.linkedConsumers).toEqual([expect.objectContaining({ relation: 'link', consumer: expect.objectContaining({ traceId: 'linked-2' }) })]);
  });

  it('is undefined for a trace the spans do not hold', () => {
    expect(traceView('elsewhere', 'the test', examination(checkoutTrace('t1', 'o1')))).toBeUndefined();
  });
});

describe('recentTraces', () => {
  it('badges each trace whole or broken, error and slow, newest first', () => {
    const report = analyze([
      ...checkoutTrace('old-whole', 'o1'),
      ...checkoutTrace('declined', 'o2', 'declined', 1_000),
      ...breakAt(checkoutTrace('split', 'o3', 'confirmed', 2_000), isConsumer, 'split-rest'),
    ]);
    const badges = Object.fromEntries(recentTraces(report, 120, 10).map((trace) => [trace.traceId, trace.badges]));
    expect(recentTraces(report, 120, 10).map((trace) => trace.traceId)).toEqual(['split-rest', 'split', 'declined', 'old-whole']);
    expect(badges).toEqual({ 'old-whole': ['whole', 'slow'], declined: ['whole', 'error'], split: ['broken'], 'split-rest': ['broken'] });
    expect(recentTraces(report, 120, 2)).toHaveLength(2);
  });
});
