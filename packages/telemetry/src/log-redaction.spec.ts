import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { RedactingLogRecordProcessor, redactLogValue } from './log-redaction';

/** The forms the hardening suite sends (inside words, with dots, in keys, in URLs). */
const FORMS = ['card5105105105105100', 'cc_4012888888881881', '3530.1113.3330.0000', '/orders/4111111111111111', '4242 4242 4242 4242'];

function emitThroughPipeline(record: Parameters<ReturnType<LoggerProvider['getLogger']>['emit']>[0]) {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new RedactingLogRecordProcessor(), new SimpleLogRecordProcessor({ exporter })] });
  provider.getLogger('test').emit(record);
  return exporter.getFinishedLogRecords();
}

describe('RedactingLogRecordProcessor', () => {
  it('masks every form in the body, nested attributes, attribute keys and the event name before export', () => {
    const [exported] = emitThroughPipeline({
      body: `payment declined for ${FORMS.join(' and ')}`,
      eventName: 'charge 4242424242424242',
      attributes: {
        req: { method: 'GET', url: '/orders/4111111111111111' },
        'card.5454545454545454': 'seen',
        notes: ['x', 'cc_4012888888881881'],
        'shop.order.id': '2f1c0a52-43bf-4b55-9a3a-0b5d8c1f0e7a',
      },
    });
    const text = JSON.stringify({ body: exported!.body, attributes: exported!.attributes, event: exported!.eventName });
    for (const digits of ['5105105105105100', '4012888888881881', '3530111333300000', '35301113', '4111111111111111', '4242424242424242', '5454545454545454']) {
      expect(text).not.toContain(digits);
    }
    expect(exported!.body).toBe(
      'payment declined for card[card ****5100] and cc_[card ****1881] and [card ****0000] and /orders/[card ****1111] and [card ****4242]',
    );
    expect(exported!.attributes).toMatchObject({
      req: { method: 'GET', url: '/orders/[card ****1111]' },
      'card.[card ****5454]': 'seen',
      notes: ['x', 'cc_[card ****1881]'],
      'shop.order.id': '2f1c0a52-43bf-4b55-9a3a-0b5d8c1f0e7a',
    });
    expect(exported!.eventName).toBe('charge [card ****4242]');
  });

  it('leaves a record without card numbers as it was', () => {
    const [exported] = emitThroughPipeline({ body: 'order placed', attributes: { orderId: 'b5d8c1f0e7a', total: 4200 } });
    expect(exported!.body).toBe('order placed');
    expect(exported!.attributes).toEqual({ orderId: 'b5d8c1f0e7a', total: 4200 });
  });
});

describe('redactLogValue', () => {
  it('returns the same list when nothing in it changed, and a masked copy when something did', () => {
    const clean = ['a', 1, { b: 'c' }];
    expect(redactLogValue(clean)).toBe(clean);
    expect(redactLogValue(['4111111111111111'])).toEqual(['[card ****1111]']);
  });
});
