import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { readJaeger } from './jaeger';
import { readLocal } from './local';

export type TraceSource = 'jaeger' | 'local';

export const DEFAULT_JAEGER_URL = 'http://localhost:16686';
export const DEFAULT_RECEIVER_URL = 'http://127.0.0.1:4318';

export interface ReadTracesOptions {
  /** Default `jaeger`. */
  source?: TraceSource;
  /** One trace (and the other traces of its order); otherwise the `last` checkout traces. */
  traceId?: string;
  /** Default 5. */
  last?: number;
  jaegerUrl?: string;
  receiverUrl?: string;
  /** Jaeger only: how far back `last` looks (default one hour). */
  lookbackMs?: number;
}

/** Spans of the selected traces and of every other trace of the same orders, ready for `analyze`. */
export function readTraces(options: ReadTracesOptions = {}): Promise<ReceivedSpan[]> {
  const selection = {
    ...(options.traceId !== undefined ? { traceId: options.traceId } : {}),
    ...(options.last !== undefined ? { last: options.last } : {}),
  };
  if (options.source === 'local') return readLocal(options.receiverUrl ?? DEFAULT_RECEIVER_URL, selection);
  return readJaeger(options.jaegerUrl ?? DEFAULT_JAEGER_URL, {
    ...selection,
    ...(options.lookbackMs !== undefined ? { lookbackMs: options.lookbackMs } : {}),
  });
}
