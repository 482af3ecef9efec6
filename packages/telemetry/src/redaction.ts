import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { redactCardNumbers } from './card-numbers';

export { redactCardNumbers };

type AttributeBag = Record<string, unknown>;

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactCardNumbers(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? redactCardNumbers(v) : v));
  return value;
}

/** Masks keys and values in place (the bag belongs to a span that has ended). */
export function redactAttributes(attributes: AttributeBag | undefined): void {
  if (!attributes) return;
  for (const [key, value] of Object.entries(attributes)) {
    const maskedKey = redactCardNumbers(key);
    if (maskedKey !== key) delete attributes[key];
    attributes[maskedKey] = redactValue(value);
  }
}

/** Masks everything a span carries as text: name, attributes and their keys, events, links, status. */
export function redactSpan(span: ReadableSpan): void {
  const writable = span as unknown as { name: string; status: { message?: string }; events: { name: string }[] };
  writable.name = redactCardNumbers(span.name);
  redactAttributes(span.attributes as AttributeBag);
  for (const event of span.events) {
    (event as { name: string }).name = redactCardNumbers(event.name);
    redactAttributes(event.attributes as AttributeBag);
  }
  for (const link of span.links) redactAttributes(link.attributes as AttributeBag);
  if (span.status.message) writable.status.message = redactCardNumbers(span.status.message);
}

/**
 * Last line of defence for PCI data: whatever an instrumentation or a developer put on a span,
 * no card number leaves the process. Application code must still never record one.
 */
export class RedactingSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    for (const span of spans) redactSpan(span);
    this.inner.export(spans, resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
