import { parseIdempotencyKey, requestHash } from './idempotency-key';

describe('Idempotency-Key', () => {
  it('accepts visible ASCII keys and no key', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([[''], ['a b'], ['x'.repeat(256)], [['a', 'b']], ['ключ']])('rejects %j with a 400', (key) => {
    expect(() => parseIdempotencyKey(key as string)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('hashes equal bodies equally, whatever their key order, and different bodies differently', () => {
    expect(requestHash({ a: 1, b: [{ c: 2, d: 3 }] })).toBe(requestHash({ b: [{ d: 3, c: 2 }], a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});
