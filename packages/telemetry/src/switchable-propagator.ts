import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { maskBaggage, maskIncomingBaggage } from './baggage-masking';
import { propagatorFromEnv } from './propagators';

/**
 * The global propagator, with a run-time override: the propagator-mismatch fault makes one
 * service speak only B3 while the others speak W3C, without a restart. Baggage is masked on the
 * way in and on the way out: no card number is propagated, stored (outbox) or put on a span.
 */
class SwitchablePropagator implements TextMapPropagator {
  private override?: TextMapPropagator;

  constructor(private readonly configured: TextMapPropagator) {}

  use(propagators: string | undefined): void {
    this.override = propagators ? propagatorFromEnv(propagators) : undefined;
  }

  private get active(): TextMapPropagator {
    return this.override ?? this.configured;
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.active.inject(maskBaggage(context), carrier, setter);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    return maskIncomingBaggage(this.active.extract(context, carrier, getter));
  }

  fields(): string[] {
    return this.active.fields();
  }
}

let instance: SwitchablePropagator | undefined;

export function createSwitchablePropagator(): TextMapPropagator {
  instance = new SwitchablePropagator(propagatorFromEnv());
  return instance;
}

/** Speak only these propagators (OTEL_PROPAGATORS syntax, e.g. "b3"), or undefined for the configured ones. */
export function overridePropagators(propagators: string | undefined): void {
  instance?.use(propagators);
}
