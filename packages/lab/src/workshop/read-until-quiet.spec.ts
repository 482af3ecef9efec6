import { readUntilQuiet } from './read-until-quiet';

describe('readUntilQuiet', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A source that gains an item at each of the given times (ms after the start). */
  function arriving(times: number[]) {
    const start = Date.now();
    return () => times.filter((t) => Date.now() - start >= t);
  }

  it('returns once the count has held still for quietMs, with everything that came before', async () => {
    const done = readUntilQuiet(arriving([0, 500, 1500]), { quietMs: 2000, intervalMs: 250 });
    let result: number[] | undefined;
    void done.then((items) => (result = items));
    await jest.advanceTimersByTimeAsync(3000);
    expect(result).toBeUndefined(); // quiet only since 1500
    await jest.advanceTimersByTimeAsync(600);
    expect(result).toEqual([0, 500, 1500]);
  });

  it('waits for a first item rather than taking an empty read as quiet', async () => {
    const done = readUntilQuiet(arriving([5000]), { quietMs: 1000, capMs: 30000 });
    let result: number[] | undefined;
    void done.then((items) => (result = items));
    await jest.advanceTimersByTimeAsync(4000);
    expect(result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(2500);
    expect(result).toEqual([5000]);
  });

  it('gives up at capMs with what it has', async () => {
    let reads = 0;
    const done = readUntilQuiet(() => Array.from({ length: ++reads }, (_, i) => i), { quietMs: 1000, capMs: 3000, intervalMs: 500 });
    await jest.advanceTimersByTimeAsync(3600);
    expect((await done).length).toBeGreaterThanOrEqual(6);
  });
});
