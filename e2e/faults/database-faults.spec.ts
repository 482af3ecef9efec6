import { analyze } from '@tracelab/trace-doctor';
import { Client } from 'pg';
import { DATABASE_URL } from '../support/env';
import { resetFaults, setFault } from '../support/faults';
import { orderBody, placeOrder } from '../support/shop';
import { find, parentOf, type ReceivedSpan, waitForTrace } from '../support/traces';
import { riskQuery, waitForIndex } from '../support/risk-index';
import { expectWholeTrace, median, orderDone } from '../support/whole-trace';

/** Each order's risk query: its duration, and whether it is the span with the most time of its own. */
async function riskQueryDurations(count: number): Promise<{ query: number; topSelfTime: boolean }[]> {
  const results: { query: number; topSelfTime: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await placeOrder(orderBody({ customerId: `cust-${String(1000 + i * 37).padStart(4, '0')}` }));
    expect(answer.status).toBe(201);
    const spans = await waitForTrace(answer.traceId, orderDone, { timeoutMs: 30000 });
    const query = riskQuery(spans);
    const [trace] = analyze(spans).traces;
    results.push({ query: query.durationMs, topSelfTime: trace?.topSelfTime[0]?.spanId === query.spanId });
  }
  return results;
}

describe('fault slow-query', () => {
  const db = new Client({ connectionString: DATABASE_URL });

  beforeAll(() => db.connect());
  afterAll(async () => {
    await resetFaults();
    await waitForIndex(db, true);
    await db.end();
  });

  it('drops the real index: the risk query becomes ≥ 20× slower and dominates the trace; off rebuilds it', async () => {
    const indexed = median((await riskQueryDurations(3)).map((r) => r.query));

    await setFault('slow-query', true);
    await waitForIndex(db, false);
    // The lesson is the scan, not a cold disk: read the table once so every measured scan is warm.
    await db.query('SELECT count(*) FROM customer_risk');
    const scanned = await riskQueryDurations(3);
    const slow = median(scanned.map((r) => r.query));
    expect(slow).toBeGreaterThanOrEqual(20 * indexed);
    // It dominates: no other span of the order spends as much time on its own.
    expect(scanned.map((r) => r.topSelfTime)).toEqual([true, true, true]);

    await setFault('slow-query', false);
    await waitForIndex(db, true);
    const restored = median((await riskQueryDurations(3)).map((r) => r.query));
    expect(restored).toBeLessThan(slow / 10);
    await expectWholeTrace();
  });
});

describe('fault n-plus-one', () => {
  afterAll(resetFaults);

  it('reserves each item with its own queries: N UPDATE and N INSERT spans for N items; off: one statement', async () => {
    const items = [{ sku: 'TL-MUG', quantity: 1 }, { sku: 'TL-CAP', quantity: 2 }, { sku: 'TL-SOCKS', quantity: 1 }];
    const queriesOf = async () => {
      const answer = await placeOrder(orderBody({ items }));
      expect(answer.status).toBe(201);
      const spans = await waitForTrace(answer.traceId, orderDone);
      const reserve = find(spans, (s) => s.name === 'inventory.reserve', 'inventory.reserve');
      return spans.filter((s) => parentOf(spans, s)?.spanId === reserve.spanId && s.attributes['db.query.text'] !== undefined);
    };
    const text = (s: ReceivedSpan) => String(s.attributes['db.query.text']);
    await setFault('n-plus-one', true);
    const perItem = await queriesOf();
    expect(perItem.filter((s) => text(s).startsWith('UPDATE'))).toHaveLength(3);
    expect(perItem.filter((s) => text(s).startsWith('INSERT'))).toHaveLength(3);
    await setFault('n-plus-one', false);
    const [one, ...more] = await queriesOf();
    expect(more).toHaveLength(0);
    expect(one!.name).toMatch(/^pg\.query:inventory-reserve /);
    expect(text(one!)).toContain('UPDATE products');
    expect(text(one!)).toContain('INSERT INTO reservations');
    await expectWholeTrace();
  });
});
