import { containsCardNumber, maskCardNumbers, mayHoldCardNumber, redactCardNumbers } from './card-numbers';

describe('redactCardNumbers', () => {
  it.each([
    ['card 4242424242424242 used', 'card [card ****4242] used'],
    ['{"number":"4000 0000 0000 0002"}', '{"number":"[card ****0002]"}'],
    ['5555-5555-5555-4444', '[card ****4444]'],
    ['card5105105105105100', 'card[card ****5100]'],
    ['cc_4012888888881881', 'cc_[card ****1881]'],
    ['3530.1113.3330.0000', '[card ****0000]'],
    ['shop.5454545454545454', 'shop.[card ****5454]'],
    ['6304000000000000x', '[card ****0000]x'],
    ['/orders/4111111111111111', '/orders/[card ****1111]'],
    ['/orders?card=4111111111111111&x=1', '/orders?card=[card ****1111]&x=1'],
    ['4111_1111_1111_1111', '[card ****1111]'],
    ['4111/1111/1111/1111', '[card ****1111]'],
    ['4111 - 1111 - 1111 - 1111', '4111 - 1111 - 1111 - 1111'.replace(/.*/, '[card ****1111]')],
    ['378282246310005', '[card ****0005]'],
    ['qty 2 4111 1111 1111 1111', 'qty 2 [card ****1111]'],
    ['Unexpected token \'x\', "6304000000000000x" is not valid JSON', 'Unexpected token \'x\', "[card ****0000]x" is not valid JSON'],
    ['a 4111111111111111 and 5555555555554444', 'a [card ****1111] and [card ****4444]'],
  ])('masks %s', (input, expected) => {
    expect(redactCardNumbers(input)).toBe(expected);
  });

  it.each([
    'order 1234567890123 total 4200',
    'trace 4bf92f3577b34da6a3ce929d0e0e4736',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    '1700000000000000001',
    '/orders/00000000-0000-4000-8000-000000000000',
    '/orders/12345678-1234-4123-a123-123456789012',
    '2026-11-21T04:59:28.600Z',
    '4111111111111112',
    'not a card 41111111111111111111111',
    'price 1200, stock 1000000',
  ])('leaves %s alone', (input) => {
    expect(redactCardNumbers(input)).toBe(input);
    expect(containsCardNumber(input)).toBe(false);
  });
});

describe('mayHoldCardNumber (the quick check before the full scan)', () => {
  it('lets through every text the full scan would change', () => {
    // Texts built from the characters that matter: digits, each separator kind, letters, hex ids.
    const parts = ['4111', '1111', '4242', '42', '5105105105105100', '0', '7', ' ', '-', '.', '_', '/', '\\', '\t', '\u00a0', '  ', '---', 'a', 'cc', 'x', 'ff', '8e03978e-40d5-43e8-bc93-6894a57f9324'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let changed = 0;
    for (let i = 0; i < 20000; i++) {
      let text = '';
      const length = 1 + Math.floor(next() * 14);
      for (let j = 0; j < length; j++) text += parts[Math.floor(next() * parts.length)];
      const masked = maskCardNumbers(text);
      if (masked !== text) {
        changed++;
        expect(mayHoldCardNumber(text)).toBe(true);
      }
      expect(redactCardNumbers(text)).toBe(masked);
    }
    expect(changed).toBeGreaterThan(1000);
  });

  it('answers no for the usual span texts without scanning them', () => {
    for (const text of ['POST /orders', 'SELECT risk_score FROM customer_risk WHERE customer_id = $1', '8e03978e-40d5-43e8-bc93-6894a57f9324', 'cust-0042', '4111 1111 111']) {
      expect(mayHoldCardNumber(text)).toBe(false);
    }
    expect(mayHoldCardNumber('4111 1111 1111 1')).toBe(true);
  });
});
