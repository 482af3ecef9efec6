import { collectorErrorLine } from './collector-reload';

describe('the Collector error line', () => {
  it('joins the Error: line with the lines that continue it, the field named last', () => {
    const output = [
      '2026-12-07T23:29:05.126Z\tinfo\tsomething before',
      'Error: failed to get config: cannot unmarshal the configuration: decoding failed due to the following error(s):',
      '',
      "'processors' error reading configuration for \"tail_sampling\": decoding failed due to the following error(s):",
      '',
      "'policies[0].probabilistic.sampling_percentage' expected type 'float64', got unconvertible type 'string'",
    ].join('\n');
    expect(collectorErrorLine(output)).toBe(
      "Error: failed to get config: cannot unmarshal the configuration: decoding failed due to the following error(s): 'processors' error reading configuration for \"tail_sampling\": decoding failed due to the following error(s): 'policies[0].probabilistic.sampling_percentage' expected type 'float64', got unconvertible type 'string'",
    );
  });

  it('without an Error: line, the first line that speaks of an error, else the last', () => {
    expect(collectorErrorLine('starting\nfatal error: out of memory\nbye\n')).toBe('fatal error: out of memory');
    expect(collectorErrorLine('one\ntwo\n')).toBe('two');
  });
});
