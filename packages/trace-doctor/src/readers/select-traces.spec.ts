import { checkoutTrace } from '../testing/checkout';
import { breakAt, CLIENT, node, SERVER, toSpans } from '../testing/span-builder';
import { latestCheckoutTraceIds, withRelatedTraces } from './select-traces';

const traceIds = (spans: { traceId: string }[]) => [...new Set(spans.map((span) => span.traceId))].sort();

describe('latestCheckoutTraceIds', () => {
  it('picks the most recent POST /orders traces, newest first, and nothing else', () => {
    const spans = [
      ...checkoutTrace('old', 'o1', 'confirmed', 0),
      ...checkoutTrace('newest', 'o3', 'confirmed', 2_000),
      ...checkoutTrace('middle', 'o2', 'invalid-input', 1_000),
      ...toSpans('products', node('gateway', 'GET /products', SERVER, 3_000, 5, [node('gateway', 'GET', CLIENT, 3_001, 3)])),
    ];
    expect(latestCheckoutTraceIds(spans, 2)).toEqual(['newest', 'middle']);
    expect(latestCheckoutTraceIds(spans, 10)).toEqual(['newest', 'middle', 'old']);
  });
});

describe('withRelatedTraces', () => {
  it('adds the other traces of the same order, however late they started', () => {
    const split = breakAt(checkoutTrace('t1', 'o1', 'confirmed', 0), (span) => span.name === 'process order.confirmed', 't1-notification');
    const late = split.map((span) => (span.traceId === 't1-notification' ? { ...span, startTimeUnixNano: span.startTimeUnixNano + 60_000_000_000n } : span));
    const other = checkoutTrace('t2', 'o2', 'confirmed', 10_000);
    expect(traceIds(withRelatedTraces([...late, ...other], ['t1']))).toEqual(['t1', 't1-notification']);
  });

  it('adds a trace that started mid-system while a chosen trace ran, but not one that started at the gateway', () => {
    const split = breakAt(checkoutTrace('t1', 'o1', 'confirmed', 0), (span) => span.service === 'order' && span.kind === SERVER, 't1-order');
    const concurrent = checkoutTrace('t2', 'o2', 'confirmed', 10);
    const later = breakAt(checkoutTrace('t3', 'o3', 'confirmed', 5_000), (span) => span.service === 'order' && span.kind === SERVER, 't3-order');
    expect(traceIds(withRelatedTraces([...split, ...concurrent, ...later], ['t1']))).toEqual(['t1', 't1-order']);
  });
});
