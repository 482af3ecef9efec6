import type { ReceivedSpan } from '@tracelab/otlp-receiver';

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };

function anyValue(value: unknown): AnyValue {
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: String(value) };
}

const keyValues = (attributes: Record<string, unknown>) => Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));

/** Test data only: spans as Jaeger's api/v3 returns them (OTLP JSON, one resourceSpans entry per service). */
export function toOtlpJson(spans: readonly ReceivedSpan[]): { resourceSpans: unknown[] } {
  const services = [...new Set(spans.map((span) => span.service))];
  return {
    resourceSpans: services.map((service) => ({
      resource: { attributes: keyValues({ 'service.name': service }) },
      scopeSpans: [
        {
          scope: {},
          spans: spans
            .filter((span) => span.service === service)
            .map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              startTimeUnixNano: String(span.startTimeUnixNano),
              endTimeUnixNano: String(span.endTimeUnixNano),
              attributes: keyValues(span.attributes),
              status: { code: span.status.code },
              links: span.links,
            })),
        },
      ],
    })),
  };
}
