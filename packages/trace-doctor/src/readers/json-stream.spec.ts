import { parseJsonValues } from './json-stream';

describe('parseJsonValues', () => {
  it('reads a single value', () => {
    expect(parseJsonValues(' {"result":{"resourceSpans":[]}} ')).toEqual([{ result: { resourceSpans: [] } }]);
  });

  it('reads values that follow each other, with or without newlines', () => {
    expect(parseJsonValues('{"a":1}\n{"b":"}{"}\r\n\n[2]{"c":"\\"{"}')).toEqual([{ a: 1 }, { b: '}{' }, [2], { c: '"{' }]);
  });

  it('reads nothing from an empty body', () => {
    expect(parseJsonValues('  \n')).toEqual([]);
  });

  it('rejects a truncated stream rather than dropping its tail', () => {
    expect(() => parseJsonValues('{"a":1}\n{"b":')).toThrow(SyntaxError);
    expect(() => parseJsonValues('{"a":1} nonsense')).toThrow(SyntaxError);
  });
});
