import { deadServices, eventually, type Hardening, HARDENING_DB, order, send, sleep, startHardeningStack } from './hardening-stack';

const ROUNDS = 20;
const WORKERS = 4;

/**
 * Postgres kills every connection of the services' database, 20 times, while orders flow: no
 * service crashes, every answer is 201 or 503, no confirmed order is lost and no stock stays
 * reserved for an order that was not confirmed.
 */
describe('Postgres kills connections while orders flow', () => {
  let h: Hardening;
  const answers: { status: number; orderId?: string }[] = [];
  let killed = 0;

  beforeAll(async () => {
    h = await startHardeningStack('connection-kills');
    const stockBefore = await stockOf('TL-SOCKS');
    let running = true;
    const worker = async () => {
      while (running) {
        const reply = await send(h.gateway, 'POST', '/orders', order({ items: [{ sku: 'TL-SOCKS', quantity: 1 }] }));
        answers.push({ status: reply.status, orderId: (reply.body.orderId ?? (reply.body.details as { orderId?: string })?.orderId) as string | undefined });
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    for (let round = 0; round < ROUNDS; round++) {
      await sleep(300);
      const { rowCount } = await h.db.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [HARDENING_DB],
      );
      killed += rowCount ?? 0;
    }
    await sleep(500);
    running = false;
    await Promise.all(workers);
    Object.assign(answers, { stockBefore });
  }, 240000);
  afterAll(() => h?.close());

  const stockOf = async (sku: string) => (await h.db.query('SELECT stock FROM products WHERE sku = $1', [sku])).rows[0].stock as number;

  it('kills connections in every round and no service crashes', () => {
    console.log(`connection kills: ${ROUNDS} rounds, ${killed} connections killed, ${answers.length} orders, statuses ${JSON.stringify(tally(answers.map((a) => a.status)))}`);
    expect(killed).toBeGreaterThanOrEqual(ROUNDS);
    expect(deadServices(h.stack)).toEqual([]);
  });

  it('answers only 201 or 503, and confirms most orders', () => {
    expect(answers.length).toBeGreaterThan(20);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set(answers.some((a) => a.status === 503) ? [201, 503] : [201]));
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThan(answers.length / 2);
  });

  it('loses no confirmed order, and every one is notified', async () => {
    const confirmed = answers.filter((a) => a.status === 201).map((a) => a.orderId!);
    const { rows } = await h.db.query("SELECT id FROM orders WHERE id = ANY($1::uuid[]) AND status = 'confirmed'", [confirmed]);
    expect(rows.length).toBe(confirmed.length);
    await eventually('every confirmed order notified', async () => {
      const sent = await h.db.query('SELECT count(*)::int AS n FROM notifications WHERE order_id = ANY($1::uuid[])', [confirmed]);
      return sent.rows[0].n === confirmed.length ? true : undefined;
    }, 30000);
  });

  it('confirms none of the 503s and keeps stock only for confirmed orders', async () => {
    const refused = answers.filter((a) => a.status === 503 && a.orderId).map((a) => a.orderId!);
    const { rows } = await h.db.query("SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'confirmed'", [refused]);
    expect(rows[0].n).toBe(0);
    await eventually('deferred releases done', async () => ((await h.db.query('SELECT count(*)::int AS n FROM pending_releases')).rows[0].n === 0 ? true : undefined), 20000);
    const held = await h.db.query(
      `SELECT r.order_id FROM reservations r LEFT JOIN orders o ON o.id::text = r.order_id::text
       WHERE r.sku = 'TL-SOCKS' AND r.released_at IS NULL AND (o.status IS DISTINCT FROM 'confirmed')`,
    );
    expect(held.rows).toEqual([]);
    const confirmedUnits = (await h.db.query("SELECT count(*)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.sku = 'TL-SOCKS' AND o.status = 'confirmed'")).rows[0].n;
    const product = (await h.db.query("SELECT stock, seed_stock FROM products WHERE sku = 'TL-SOCKS'")).rows[0];
    expect(product.seed_stock - product.stock).toBe(confirmedUnits);
  });

  it('is healthy again within a second of the last kill', async () => {
    for (const service of h.stack.services) expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });
});

function tally(values: number[]): Record<string, number> {
  return values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});
}
