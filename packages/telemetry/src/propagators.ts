import { diag, type TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';

const FACTORIES: Record<string, () => TextMapPropagator> = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  b3: () => new B3Propagator(),
  b3multi: () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
};

/** The propagators named in OTEL_PROPAGATORS (default: W3C tracecontext and baggage). */
export function propagatorFromEnv(value = process.env.OTEL_PROPAGATORS ?? 'tracecontext,baggage'): TextMapPropagator {
  const names = [...new Set(value.split(',').map((n) => n.trim()).filter(Boolean))];
  if (names.includes('none')) return new CompositePropagator({ propagators: [] });
  const propagators = names.flatMap((name) => {
    const factory = FACTORIES[name];
    if (!factory) diag.warn(`OTEL_PROPAGATORS: unknown propagator "${name}" ignored`);
    return factory ? [factory()] : [];
  });
  return new CompositePropagator({ propagators });
}
