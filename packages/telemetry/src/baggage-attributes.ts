import { type Attributes, type Baggage, type Context, propagation } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { isPropagatedBaggageKey } from './baggage-keys';

/**
 * Copies the shop's baggage entries onto every span as it starts, as
 * @opentelemetry/baggage-span-processor does, but filters each baggage once: a baggage is
 * immutable and every span of a request shares it, so the filtered attributes are kept per
 * baggage instead of listing and filtering its entries for each of the ~25 spans of an order.
 */
export class BaggageAttributesSpanProcessor implements SpanProcessor {
  private readonly filtered = new WeakMap<Baggage, Attributes>();

  onStart(span: Span, parentContext: Context): void {
    const baggage = propagation.getBaggage(parentContext);
    if (!baggage) return;
    let attributes = this.filtered.get(baggage);
    if (!attributes) {
      attributes = {};
      for (const [key, entry] of baggage.getAllEntries()) if (isPropagatedBaggageKey(key)) attributes[key] = entry.value;
      this.filtered.set(baggage, attributes);
    }
    span.setAttributes(attributes);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
