import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { analyze } from './analysis/analyze';
import { checkoutTrace } from './testing/checkout';
import { breakAt } from './testing/span-builder';
import { isWhole, otherHalves } from './verdict';

const isConsumer = (span: ReceivedSpan) => span.name === 'process order.confirmed';

describe('one trace of a report', () => {
  const report = analyze([
    ...breakAt(checkoutTrace('split-1', 'order-a'), isConsumer, 'split-2'),
    ...checkoutTrace('whole-1', 'order-b', 'confirmed', 500),
    ...breakAt(checkoutTrace('linked-1', 'order-c', 'confirmed', 900), isConsumer, 'linked-2', { link: true }),
  ]);
  const trace = (id: string) => report.traces.find((candidate) => candidate.traceId === id)!;

  it('is whole only when no finding but a link note is about it or its order', () => {
    expect(report.whole).toBe(false);
    expect(isWhole(report, trace('whole-1'))).toBe(true);
    expect(isWhole(report, trace('linked-1'))).toBe(true);
    expect(isWhole(report, trace('split-1'))).toBe(false);
    expect(isWhole(report, trace('split-2'))).toBe(false);
  });

  it('names the other half of a split trace, both ways', () => {
    expect(otherHalves(report, 'split-1')).toEqual(['split-2']);
    expect(otherHalves(report, 'split-2')).toEqual(['split-1']);
    expect(otherHalves(report, 'whole-1')).toEqual([]);
    expect(otherHalves(report, 'linked-1')).toEqual([]);
  });
});
