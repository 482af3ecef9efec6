import { maskLogLine } from './log-masking';

describe('maskLogLine', () => {
  it('masks card numbers in URLs, messages and keys, and keeps the line JSON', () => {
    const line = JSON.stringify({
      time: 1764686696123,
      req: { method: 'GET', url: '/orders/4111111111111111?card=5555-5555-5555-4444' },
      msg: 'body "6304000000000000x" is not valid JSON',
      'shop.5454545454545454': 1,
    });
    const masked = maskLogLine(line);
    expect(JSON.parse(masked)).toEqual({
      time: 1764686696123,
      req: { method: 'GET', url: '/orders/[card ****1111]?card=[card ****4444]' },
      msg: 'body "[card ****0000]x" is not valid JSON',
      'shop.[card ****5454]': 1,
    });
  });

  it('leaves lines without card numbers alone', () => {
    const line = '{"level":30,"time":4111111111111111,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","msg":"ok"}\n';
    expect(maskLogLine(line)).toBe(line);
  });
});
