import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

// Not part of a longer token (a UUID's last group, a hex id): no word character or dash around it.
const CANDIDATE = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Replaces every card number (13-19 digits passing the Luhn check) in a text with a mask keeping the last four. */
export function redactCardNumbers(text: string): string {
  return text.replace(CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return passesLuhn(digits) ? `[card ****${digits.slice(-4)}]` : match;
  });
}

type AttributeBag = Record<string, unknown>;

function redactAttributes(attributes: AttributeBag | undefined): void {
  if (!attributes) return;
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string') attributes[key] = redactCardNumbers(value);
    else if (Array.isArray(value))
      attributes[key] = value.map((v) => (typeof v === 'string' ? redactCardNumbers(v) : v));
  }
}

/**
 * Last line of defence for PCI data: whatever an instrumentation or a developer put on a span,
 * no card number leaves the process. Application code must still never record one.
 */
export class RedactingSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    for (const span of spans) {
      redactAttributes(span.attributes as AttributeBag);
      for (const event of span.events) redactAttributes(event.attributes as AttributeBag);
      if (span.status.message) {
        (span.status as { message?: string }).message = redactCardNumbers(span.status.message);
      }
    }
    this.inner.export(spans, resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
