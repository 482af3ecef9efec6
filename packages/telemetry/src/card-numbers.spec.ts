import { containsCardNumber, redactCardNumbers } from './card-numbers';

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
