import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { redactAttributes, redactSpan } from './redaction';

describe('redactAttributes', () => {
  it('masks card numbers in keys, values and list values, and leaves the rest as it was', () => {
    const clean = ['GET', 'POST'];
    const attributes: Record<string, unknown> = {
      'url.path': '/orders/4111111111111111',
      'card.4242424242424242': 'seen',
      'shop.card.numbers': ['x', '5555 5555 5555 4444'],
      'http.request.method': 'POST',
      'shop.methods': clean,
      'shop.order.total_cents': 4200,
    };
    redactAttributes(attributes);
    expect(attributes).toEqual({
      'url.path': '/orders/[card ****1111]',
      'card.[card ****4242]': 'seen',
      'shop.card.numbers': ['x', '[card ****4444]'],
      'http.request.method': 'POST',
      'shop.methods': clean,
      'shop.order.total_cents': 4200,
    });
    expect(attributes['shop.methods']).toBe(clean); // not copied when nothing in it changed
  });

  it('a key and its value both holding a card number come out masked once', () => {
    const attributes: Record<string, unknown> = { '4111111111111111': '4111111111111111', after: 1 };
    redactAttributes(attributes);
    expect(attributes).toEqual({ '[card ****1111]': '[card ****1111]', after: 1 });
  });
});

describe('redactSpan', () => {
  it('masks the name, attributes, events, links and status message', () => {
    const span = {
      name: 'charge 4242424242424242',
      attributes: { card: '4242424242424242' },
      events: [{ name: 'retry 4242424242424242', attributes: { raw: 'number=4242424242424242' }, time: [0, 0] }],
      links: [{ context: {}, attributes: { from: '4242 4242 4242 4242' } }],
      status: { code: 2, message: 'declined 4242-4242-4242-4242' },
    } as unknown as ReadableSpan;
    redactSpan(span);
    expect(JSON.stringify(span)).not.toMatch(/4242[\s-]?4242[\s-]?4242[\s-]?4242/);
    expect(span.name).toBe('charge [card ****4242]');
    expect(span.events[0]!.attributes).toEqual({ raw: 'number=[card ****4242]' });
    expect(span.links[0]!.attributes).toEqual({ from: '[card ****4242]' });
    expect(span.status.message).toBe('declined [card ****4242]');
  });
});
