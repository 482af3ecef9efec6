import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTraces } from './otlp-json';

// Real answers of Jaeger's api/v3, recorded by the pipeline tier (e2e/pipeline/jaeger-fixtures.spec.ts).
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../../e2e/fixtures/jaeger-api-v3', name), 'utf8'));

describe('decodeTraces', () => {
  it('reads a bare resourceSpans body', () => {
    const spans = decodeTraces(fixture('GetTrace.json').result);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(typeof span.startTimeUnixNano).toBe('bigint');
    }
  });

  it('reads the { result } wrapper of Jaeger GetTrace and FindTraces', () => {
    const found = decodeTraces(fixture('FindTraces.json'));
    expect(found.length).toBeGreaterThan(0);
    expect(decodeTraces(fixture('GetTrace.json'))).toHaveLength(decodeTraces(fixture('GetTrace.json').result).length);
    expect(new Set(found.map((span) => span.service)).size).toBe(6);
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
