import { fetchSpans } from '@tracelab/otlp-receiver';
import { eventually, type Hardening, order, send, startHardeningStack } from './hardening-stack';

const DOOMED = 'cust-4242';

/**
 * A card is charged, then the order cannot be stored: Postgres drops the order service's
 * connection on every insert of this customer's order (a trigger that terminates its own
 * backend), so the one retry fails too. The stock must come back and the charge must be recorded
 * for reconciliation, visibly in the trace.
 */
describe('a charged order that cannot be stored', () => {
  let h: Hardening;
  beforeAll(async () => {
    h = await startHardeningStack('compensation');
    await h.db.query(`
      CREATE FUNCTION drop_doomed_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.customer_id = '${DOOMED}' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER drop_doomed_order BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION drop_doomed_order();
    `);
  }, 240000);
  afterAll(() => h?.close());

  it('answers 503, gives the stock back once, and records the payment for reconciliation in the table and the trace', async () => {
    const stockBefore = (await h.db.query("SELECT stock FROM products WHERE sku = 'TL-BOOK'")).rows[0].stock as number;
    const reply = await send(h.gateway, 'POST', '/orders', order({ customerId: DOOMED, items: [{ sku: 'TL-BOOK', quantity: 3 }] }));
    expect(reply.status).toBe(503);
    const traceId = reply.headers.get('x-trace-id')!;

    const { rows } = await h.db.query('SELECT order_id, payment_id, reason, trace_id FROM payment_reconciliation');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ payment_id: expect.any(String), trace_id: traceId });
    const orderId = rows[0].order_id as string;
    expect((await h.db.query('SELECT count(*)::int AS n FROM orders WHERE id = $1', [orderId])).rows[0].n).toBe(0);

    expect((await h.db.query("SELECT stock FROM products WHERE sku = 'TL-BOOK'")).rows[0].stock).toBe(stockBefore);
    expect((await h.db.query('SELECT count(*)::int AS n FROM reservations WHERE order_id = $1 AND released_at IS NOT NULL', [orderId])).rows[0].n).toBe(1);

    // order and inventory export on their own schedules: wait for both services' spans.
    const spans = await eventually('order.place and inventory.release exported', async () => {
      const found = await fetchSpans(h.receiver.url, traceId);
      const names = found.map((s) => s.name);
      return names.includes('order.place') && names.includes('inventory.release') ? found : undefined;
    });
    const place = spans.find((s) => s.name === 'order.place')!;
    expect(place.attributes['shop.payment.reconciliation']).toBe('required');
    expect(place.events.map((e) => e.name)).toContain('shop.payment.reconciliation_required');
    expect(spans.filter((s) => s.name === 'inventory.release')).toHaveLength(1);
  });

  it('and the order service lives on', async () => {
    expect((await send(h.gateway, 'POST', '/orders', order())).status).toBe(201);
  });
});
