import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { redactCardNumbers } from './card-numbers';

type Bag = Record<string, unknown>;

const isBag = (value: unknown): value is Bag =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** A log value with every card number masked: strings, lists and maps at any depth (a log attribute may be nested). */
export function redactLogValue(value: unknown): unknown {
  if (typeof value === 'string') return redactCardNumbers(value);
  if (Array.isArray(value)) {
    const masked = value.map(redactLogValue);
    return masked.some((v, i) => v !== value[i]) ? masked : value;
  }
  if (isBag(value)) {
    redactBag(value);
    return value;
  }
  return value;
}

/** Masks a map's keys and values in place, writing only what changes. */
function redactBag(bag: Bag): void {
  for (const key in bag) {
    const value = bag[key];
    const masked = redactLogValue(value);
    const maskedKey = redactCardNumbers(key);
    if (maskedKey !== key) {
      delete bag[key];
      bag[maskedKey] = masked;
    } else if (masked !== value) {
      bag[key] = masked;
    }
  }
}

/**
 * Runs before the batch processor, while the record can still be written: masks the card numbers
 * in its body, attributes (keys too) and event name with the module that masks spans and stdout
 * lines. The services' pino lines are masked on their way to stdout already; this also covers a
 * record written through the Logs API directly, or a pino logger without the service-kit hook.
 */
export class RedactingLogRecordProcessor implements LogRecordProcessor {
  onEmit(record: ReadWriteLogRecord): void {
    const body = record.body;
    const maskedBody = redactLogValue(body);
    if (maskedBody !== body) record.setBody(maskedBody as typeof body);
    redactBag(record.attributes as Bag);
    if (record.eventName) {
      const name = redactCardNumbers(record.eventName);
      if (name !== record.eventName) record.setEventName(name);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
