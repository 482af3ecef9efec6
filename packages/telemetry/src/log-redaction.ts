import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { redactCardNumbers } from './card-numbers';
import { redactAttributes, redactValue } from './redaction';

/**
 * Runs before the batch processor, while the record can still be written: masks the card numbers
 * in its body, attributes (keys too) and event name with the module that masks spans and stdout
 * lines. The services' pino lines are masked on their way to stdout already; this also covers a
 * record written through the Logs API directly, or a pino logger without the service-kit hook.
 */
export class RedactingLogRecordProcessor implements LogRecordProcessor {
  onEmit(record: ReadWriteLogRecord): void {
    const body = record.body;
    const maskedBody = redactValue(body);
    if (maskedBody !== body) record.setBody(maskedBody as typeof body);
    redactAttributes(record.attributes as Record<string, unknown>);
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
