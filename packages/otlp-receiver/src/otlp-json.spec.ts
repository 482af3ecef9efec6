import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTraces } from './otlp-json';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../../shared/fixtures/jaeger-api-v3', name), 'utf8'));

describe('decodeTraces', () => {
  it('reads a bare resourceSpans body (Jaeger GetTrace)', () => {
    const spans = decodeTraces(fixture('GetTrace.json'));
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(typeof span.startTimeUnixNano).toBe('bigint');
    }
  });

  it('reads the { result } wrapper of a streamed search (Jaeger FindTraces)', () => {
    expect(decodeTraces(fixture('FindTraces.json')).length).toBeGreaterThan(0);
  });

  it('keeps nanosecond precision beyond 2^53 and decodes attributes', () => {
    const [span] = decodeTraces({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'order' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: 'b7ad6b7169203331',
                  name: 'order.place',
                  kind: 1,
                  startTimeUnixNano: '1732170000123456789',
                  endTimeUnixNano: '1732170000125456789',
                  attributes: [
                    { key: 'shop.order.item_count', value: { intValue: '3' } },
                    { key: 'synthetic', value: { boolValue: true } },
                  ],
                  status: { code: 2, message: 'declined' },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(span!.startTimeUnixNano).toBe(1732170000123456789n);
    expect(span!.durationMs).toBe(2);
    expect(span!.service).toBe('order');
    expect(span!.attributes).toEqual({ 'shop.order.item_count': 3, synthetic: true });
    expect(span!.status).toEqual({ code: 2, message: 'declined' });
  });
});
