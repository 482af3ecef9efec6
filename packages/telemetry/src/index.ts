import { context, propagation, trace, type Span, SpanStatusCode, type Tracer } from '@opentelemetry/api';

export { containsCardNumber, redactCardNumbers } from './card-numbers';
export { ignoreIncomingBaggage, maskBaggage } from './baggage-masking';
export { withSpanAttributes } from './context-attributes';
export { shutdownTelemetry, startTelemetry, telemetryEnabled } from './lifecycle';
export { overridePropagators } from './switchable-propagator';
export { isPropagatedBaggageKey } from './baggage-keys';
export { isHousekeepingRequest } from './housekeeping';
export { serviceName } from './service-package';

export function tracer(): Tracer {
  return trace.getTracer('tracelab');
}

/** Trace id of the active span, or undefined when nothing is traced. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** W3C Trace Context level 2 `traceresponse` value for the active span. */
export function traceResponseHeader(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  const flags = spanContext.traceFlags.toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** Marks a span failed and records the exception on it. */
export function recordFailure(span: Span | undefined, error: unknown, errorType?: string): void {
  if (!span) return;
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
  span.setAttribute('error.type', errorType ?? exception.name);
}

/** Runs `fn` inside a new active span, ending it and recording a thrown error. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      recordFailure(span, error, (error as { errorType?: string }).errorType);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Adds baggage entries to the active context for the duration of `fn`. */
export function withBaggage<T>(entries: Record<string, string>, fn: () => T): T {
  const active = context.active();
  let baggage = propagation.getBaggage(active) ?? propagation.createBaggage();
  for (const [key, value] of Object.entries(entries)) baggage = baggage.setEntry(key, { value });
  return context.with(propagation.setBaggage(active, baggage), fn);
}
