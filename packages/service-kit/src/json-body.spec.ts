import { forbiddenKeyPath, jsonDepthExceeds } from './json-body';

describe('jsonDepthExceeds', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepthExceeds(Buffer.from('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":"[[[[[[\\"[[[["}'), 1)).toBe(false);
  });

  it('stops a 3,000-level body without parsing it', () => {
    expect(jsonDepthExceeds(Buffer.from('['.repeat(3000) + ']'.repeat(3000)), 16)).toBe(true);
  });
});

describe('forbiddenKeyPath', () => {
  it.each([
    ['{"__proto__":{"admin":true}}', '__proto__'],
    ['{"items":[{"sku":"A","constructor":{"prototype":{}}}]}', 'items[0].constructor'],
    ['{"card":{"prototype":1}}', 'card.prototype'],
  ])('names %s', (text, path) => {
    expect(forbiddenKeyPath(JSON.parse(text))).toBe(path);
  });

  it('accepts ordinary bodies', () => {
    expect(forbiddenKeyPath({ customerId: 'c', items: [{ sku: 'A', quantity: 1 }], proto: 1 })).toBeUndefined();
  });
});
