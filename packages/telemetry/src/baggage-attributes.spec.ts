import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { W3CBaggagePropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { BaggageAttributesSpanProcessor } from './baggage-attributes';

describe('BaggageAttributesSpanProcessor', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new BaggageAttributesSpanProcessor(), new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('spec');
  const withEntries = (entries: Record<string, string>) =>
    propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { value: v }]))));

  beforeAll(() => propagation.setGlobalPropagator(new W3CBaggagePropagator()));
  afterEach(() => exporter.reset());
  afterAll(() => provider.shutdown());

  it("puts the shop's entries and the synthetic marker on every span, and nothing else", () => {
    const ctx = withEntries({ 'shop.customer.tier': 'gold', synthetic: 'true', userId: 'u-1', 'other.key': 'x' });
    for (let i = 0; i < 3; i++) tracer.startSpan(`s${i}`, {}, ctx).end();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(3);
    for (const span of spans) expect(span.attributes).toEqual({ 'shop.customer.tier': 'gold', synthetic: 'true' });
  });

  it('follows a baggage changed on the way: each span gets the entries of its own context', () => {
    const gold = withEntries({ 'shop.customer.tier': 'gold' });
    const silver = propagation.setBaggage(gold, propagation.getBaggage(gold)!.setEntry('shop.customer.tier', { value: 'silver' }));
    tracer.startSpan('a', {}, gold).end();
    tracer.startSpan('b', {}, silver).end();
    tracer.startSpan('c', {}, gold).end();
    tracer.startSpan('d', {}, context.active()).end();
    expect(exporter.getFinishedSpans().map((s) => s.attributes['shop.customer.tier'])).toEqual(['gold', 'silver', 'gold', undefined]);
  });
});
