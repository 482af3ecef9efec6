import { redactCardNumbers } from './redaction';

describe('redactCardNumbers', () => {
  it('masks card numbers that pass the Luhn check, keeping the last four digits', () => {
    expect(redactCardNumbers('card 4242424242424242 used')).toBe('card [card ****4242] used');
    expect(redactCardNumbers('{"number":"4000 0000 0000 0002"}')).toBe('{"number":"[card ****0002]"}');
    expect(redactCardNumbers('5555-5555-5555-4444')).toBe('[card ****4444]');
  });

  it('leaves other numbers alone', () => {
    expect(redactCardNumbers('order 1234567890123 total 4200')).toBe('order 1234567890123 total 4200');
    expect(redactCardNumbers('trace 4bf92f3577b34da6a3ce929d0e0e4736')).toBe(
      'trace 4bf92f3577b34da6a3ce929d0e0e4736',
    );
    expect(redactCardNumbers('1700000000000000001')).toBe('1700000000000000001');
    expect(redactCardNumbers('/orders/00000000-0000-4000-8000-000000000000')).toBe('/orders/00000000-0000-4000-8000-000000000000');
  });
});
