export interface QuietOptions {
  /** How long the count must stay the same. */
  quietMs?: number;
  /** Whatever was read by then is returned. */
  capMs?: number;
  intervalMs?: number;
}

/**
 * Reads until at least one item has arrived and the count has not changed for `quietMs`, or
 * `capMs` has passed: spans come in batches, and a slow machine or the collector's tail sampling
 * holds them back a few seconds, so a fixed wait would judge a slow laptop on fewer spans.
 */
export async function readUntilQuiet<T>(read: () => Promise<T[]> | T[], options: QuietOptions = {}): Promise<T[]> {
  const { quietMs = 2000, capMs = 30000, intervalMs = 250 } = options;
  const deadline = Date.now() + capMs;
  let items = await read();
  let quietSince = Date.now();
  while (!(items.length > 0 && Date.now() - quietSince >= quietMs) && Date.now() <= deadline) {
    await new Promise((r) => setTimeout(r, intervalMs));
    const next = await read();
    if (next.length !== items.length) quietSince = Date.now();
    items = next;
  }
  return items;
}
