import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { redactCardNumbers } from './card-numbers';

export { redactCardNumbers };

type AttributeBag = Record<string, unknown>;

const isBag = (value: unknown): value is AttributeBag =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A value with every card number masked: strings, lists and maps at any depth (a log record's
 * attributes may nest; a span's are strings, numbers, booleans and lists of them). A list comes
 * back as the same list when nothing in it changed; a map is masked in place.
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactCardNumbers(value);
  if (Array.isArray(value)) {
    const masked = value.map(redactValue);
    return masked.some((v, i) => v !== value[i]) ? masked : value;
  }
  if (isBag(value)) redactAttributes(value);
  return value;
}

/**
 * Masks keys and values in place (the bag belongs to a span that has ended, or to a log record
 * still being emitted). It runs on every attribute of every exported span, so it writes only what
 * it changes and copies no list of keys.
 */
export function redactAttributes(attributes: AttributeBag | undefined): void {
  if (!attributes) return;
  // for...in skips a key deleted before it is reached; a masked key it may reach masks to itself.
  for (const key in attributes) {
    const value = attributes[key];
    const masked = redactValue(value);
    const maskedKey = redactCardNumbers(key);
    if (maskedKey !== key) {
      delete attributes[key];
      attributes[maskedKey] = masked;
    } else if (masked !== value) {
      attributes[key] = masked;
    }
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
