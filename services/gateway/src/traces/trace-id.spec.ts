import { parseTraceId } from './trace-id';

describe('parseTraceId', () => {
  it('accepts a W3C trace id in either case', () => {
    expect(parseTraceId('4BF92F3577B34DA6A3CE929D0E0E4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it.each(['', 'abc', '4bf92f3577b34da6a3ce929d0e0e47360', '4bf92f3577b34da6a3ce929d0e0e473g', '0'.repeat(32), '<script>alert(1)</script>'])(
    'refuses %j with 400 naming the expected form',
    (value) => {
      expect(() => parseTraceId(value)).toThrow(expect.objectContaining({ status: 400, message: expect.stringContaining('32 hex digits') }));
    },
  );
});
