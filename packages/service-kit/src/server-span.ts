import { context, type Span, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';

/**
 * The HTTP server span of the request being handled (the http instrumentation keeps it in the
 * context), falling back to the active span. Failures are recorded there, on the span a
 * learner sees first in Jaeger.
 */
export function serverSpan(): Span | undefined {
  return getRPCMetadata(context.active())?.span ?? trace.getActiveSpan();
}
