import { type Context, propagation } from '@opentelemetry/api';
import { redactCardNumbers } from './card-numbers';

let droppedOnExtract: ReadonlySet<string> = new Set();

/**
 * Baggage keys this process sets itself and never takes from a caller (the gateway's
 * shop.customer.tier): they are removed from incoming baggage, so neither its spans nor its
 * calls carry a client's value.
 */
export function ignoreIncomingBaggage(keys: string[]): void {
  droppedOnExtract = new Set(keys);
}

/** The context with card numbers masked in every baggage key and value (the context itself when there is none). */
export function maskBaggage(active: Context, drop: ReadonlySet<string> = new Set()): Context {
  const baggage = propagation.getBaggage(active);
  if (!baggage) return active;
  let masked = baggage;
  for (const [key, entry] of baggage.getAllEntries()) {
    const maskedKey = redactCardNumbers(key);
    const value = redactCardNumbers(entry.value);
    if (drop.has(key)) masked = masked.removeEntry(key);
    else if (maskedKey !== key || value !== entry.value) masked = masked.removeEntry(key).setEntry(maskedKey, { ...entry, value });
  }
  return masked === baggage ? active : propagation.setBaggage(active, masked);
}

/** Incoming baggage, masked and without the keys this process owns. */
export const maskIncomingBaggage = (extracted: Context): Context => maskBaggage(extracted, droppedOnExtract);
