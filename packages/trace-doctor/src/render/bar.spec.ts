import { formatMs, timelineBar } from './bar';

describe('timelineBar', () => {
  it('places the span proportionally within the trace window', () => {
    expect(timelineBar(0, 100, 100, 10)).toBe('██████████');
    expect(timelineBar(50, 25, 100, 10)).toBe('     ███  ');
  });

  it('always shows at least one column, even for an instant or an empty window', () => {
    expect(timelineBar(99.9, 0, 100, 10)).toBe('         █');
    expect(timelineBar(0, 0, 0, 4)).toBe('█   ');
  });

  it('keeps to the width when a span outlives the window', () => {
    expect(timelineBar(80, 500, 100, 10)).toHaveLength(10);
  });
});

describe('formatMs', () => {
  it('keeps small durations readable and switches to seconds', () => {
    expect(formatMs(0.4213)).toBe('0.42 ms');
    expect(formatMs(123.45)).toBe('123.5 ms');
    expect(formatMs(2345)).toBe('2.35 s');
  });
});
