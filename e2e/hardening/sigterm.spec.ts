import { randomUUID } from 'node:crypto';
import { SERVICES } from '@tracelab/local-stack';
import { deadServices, eventually, type Hardening, order, send, sleep, startHardeningStack } from './hardening-stack';

const GRACE_MS = 8000;
const SKU = 'TL-HOODIE';

interface Outcome {
  status: number | 'refused' | 'cut';
  orderId?: string;
  /** Every order carries an Idempotency-Key, so a cut answer can be asked again, as docs/api.md tells clients. */
  key: string;
  body: unknown;
  replayed?: boolean;
}

const orderIdOf = (body: Record<string, unknown>) => (body.orderId ?? (body.details as { orderId?: string } | undefined)?.orderId) as string | undefined;

/**
 * SIGTERM to each service in turn while orders flow over busy keep-alive connections and
 * e-mails are being sent: it exits 0 within the grace period, nothing confirmed is lost, every
 * confirmed order is notified, and no stock stays reserved for an order that was not confirmed.
 */
describe('SIGTERM of each service with requests and messages in flight', () => {
  let h: Hardening;
  const outcomes: Outcome[] = [];
  const confirmedLate: string[] = [];
  beforeAll(async () => {
    h = await startHardeningStack('sigterm', {
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      // Slow enough that charges, reservations and e-mails are in flight when the signal comes.
      CHARGE_LATENCY_MS: '150',
      NOTIFY_LATENCY_MS: '300',
    });
  }, 240000);
  afterAll(() => h?.close());

  async function placeWhile(isRunning: () => boolean): Promise<void> {
    while (isRunning()) {
      const key = randomUUID();
      const body = order({ items: [{ sku: SKU, quantity: 1 }] });
      try {
        const reply = await send(h.gateway, 'POST', '/orders', body, { 'idempotency-key': key });
        outcomes.push({ status: reply.status, orderId: orderIdOf(reply.body), key, body });
      } catch (error) {
        // The gateway itself is down: refused means nothing was sent. Anything else is a cut answer:
        // a request written onto a keep-alive socket just as the closing gateway dropped it.
        const code = (error as { cause?: { code?: string } }).cause?.code;
        outcomes.push({ status: code === 'ECONNREFUSED' ? 'refused' : 'cut', key, body });
        await sleep(50);
      }
    }
  }

  /** A cut answer's outcome, from the same request with the same key once the gateway answers again. */
  async function replayCuts(): Promise<void> {
    for (const outcome of outcomes.filter((o) => o.status === 'cut')) {
      const reply = await eventually(`an answer to the replay of ${outcome.key}`, async () => {
        const again = await send(h.gateway, 'POST', '/orders', outcome.body, { 'idempotency-key': outcome.key });
        return again.status === 409 ? undefined : again; // 409: the first request is still running
      }, 20000);
      Object.assign(outcome, { status: reply.status, orderId: orderIdOf(reply.body), replayed: true });
    }
  }

  it.each(SERVICES.map((s) => s.name))('%s exits 0 within the grace period and comes back', async (name) => {
    let running = true;
    const workers = Array.from({ length: 3 }, () => placeWhile(() => running));
    await sleep(800);
    const exit = await h.stack.stopService(name);
    await sleep(300);
    running = false;
    await Promise.all(workers);
    console.log(`SIGTERM ${name}: exit ${exit.code} after ${exit.ms} ms`);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(GRACE_MS);
    const log = h.stack.service(name).logs.join('\n');
    expect(log).not.toMatch(/Channel closed|unhandled error|shutdown did not finish/);
    await h.stack.startService(name);
    expect(deadServices(h.stack)).toEqual([]);
    await replayCuts();
  });

  it('answered every order with 201, 503 or 504 (never 500), and every 504 has an outcome', async () => {
    const statuses = outcomes.reduce<Record<string, number>>((c, o) => ({ ...c, [o.status]: (c[o.status] ?? 0) + 1 }), {});
    console.log(`SIGTERM rounds: ${outcomes.length} orders, statuses ${JSON.stringify(statuses)}, ${outcomes.filter((o) => o.replayed).length} cut answers replayed`);
    for (const { status } of outcomes) expect([201, 503, 504, 'refused']).toContain(status);
    expect(statuses['201']).toBeGreaterThan(10);
    // GET tells a 504's outcome: the stored order, or 404 once the order service's deadline has passed (never placed).
    await sleep(GRACE_MS);
    for (const outcome of outcomes.filter((o) => o.status === 504)) {
      const reply = await send(h.gateway, 'GET', `/orders/${outcome.orderId}`);
      expect([200, 404]).toContain(reply.status);
      if (reply.body.status === 'confirmed') confirmedLate.push(outcome.orderId!);
    }
  });

  it('lost no confirmed order, and notified every one', async () => {
    const confirmed = [...outcomes.filter((o) => o.status === 201).map((o) => o.orderId!), ...confirmedLate];
    const stored = await h.db.query("SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'confirmed'", [confirmed]);
    expect(stored.rows[0].n).toBe(confirmed.length);
    await eventually('every confirmed order notified', async () => {
      const { rows } = await h.db.query('SELECT count(*)::int AS n FROM notifications WHERE order_id = ANY($1::uuid[])', [confirmed]);
      return rows[0].n === confirmed.length ? true : undefined;
    }, 30000);
  });

  it('released the stock of every order that was not confirmed', async () => {
    await eventually('deferred releases done', async () => ((await h.db.query('SELECT count(*)::int AS n FROM pending_releases')).rows[0].n === 0 ? true : undefined), 20000);
    const held = await h.db.query(
      `SELECT r.order_id, o.status FROM reservations r LEFT JOIN orders o ON o.id::text = r.order_id::text
       WHERE r.sku = $1 AND r.released_at IS NULL AND o.status IS DISTINCT FROM 'confirmed'`,
      [SKU],
    );
    expect(held.rows).toEqual([]);
    const units = (await h.db.query("SELECT count(*)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.sku = $1 AND o.status = 'confirmed'", [SKU])).rows[0].n;
    const product = (await h.db.query('SELECT stock, seed_stock FROM products WHERE sku = $1', [SKU])).rows[0];
    expect(product.seed_stock - product.stock).toBe(units);
  });

  it.each(['inventory', 'payment'])('503s stop within about a second of %s being healthy again', async (name) => {
    await h.stack.stopService(name);
    expect((await send(h.gateway, 'POST', '/orders', order())).status).toBe(503);
    await h.stack.startService(name); // resolves once its /healthz answers 200
    const healthy = Date.now();
    let status = 0;
    let tryStarted = healthy;
    while (status !== 201 && Date.now() - healthy < 5000) {
      tryStarted = Date.now();
      status = (await send(h.gateway, 'POST', '/orders', order())).status;
      if (status !== 201) await sleep(50);
    }
    // The try that succeeded: when it was sent says how long the callers kept failing (the gRPC
    // reconnect backoff is capped at 500 ms); how long it took is a cold process's first order.
    const lag = tryStarted - healthy;
    console.log(`recovery after ${name} restart: first 201 sent ${lag} ms after /healthz, answered in ${Date.now() - tryStarted} ms`);
    expect(status).toBe(201);
    expect(lag).toBeLessThan(1200);
  });
});
