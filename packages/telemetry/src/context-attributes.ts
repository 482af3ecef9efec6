import { type Attributes, type Context, context, createContextKey } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

const ATTRIBUTES_KEY = createContextKey('tracelab.span-attributes');

/**
 * Runs `fn` so that every span started inside it (in this process) carries `attributes`.
 * Used where the span is created by an instrumentation we cannot reach, e.g. the retry
 * attempt number on each gRPC client span.
 */
export function withSpanAttributes<T>(attributes: Attributes, fn: () => T): T {
  const active = context.active();
  const inherited = (active.getValue(ATTRIBUTES_KEY) as Attributes | undefined) ?? {};
  return context.with(active.setValue(ATTRIBUTES_KEY, { ...inherited, ...attributes }), fn);
}

export class ContextAttributesSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const attributes = parentContext.getValue(ATTRIBUTES_KEY) as Attributes | undefined;
    if (attributes) span.setAttributes(attributes);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
