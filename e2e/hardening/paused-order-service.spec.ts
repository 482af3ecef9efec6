import { randomUUID } from 'node:crypto';
import { eventually, type Hardening, order, type Reply, send, sleep, startHardeningStack } from './hardening-stack';

const ORDER_TIMEOUT_MS = 3000;

/**
 * The order service stalls (SIGSTOP) longer than the gateway waits. The gateway must not say
 * "failed" (503) for an order that then goes through: it answers 504 order_outcome_unknown with
 * the order id, GET /orders/:id tells the outcome, and the Idempotency-Key replays it.
 */
describe('a paused order service', () => {
  let h: Hardening;
  beforeAll(async () => {
    h = await startHardeningStack('paused-order', { ORDER_TIMEOUT_MS: String(ORDER_TIMEOUT_MS) });
  }, 240000);
  afterAll(async () => {
    h?.stack.service('order').process.kill('SIGCONT');
    await h?.close();
  });

  /** Sends the requests while the order service is stopped for `pauseMs`, and returns their answers. */
  async function whilePaused(pauseMs: number, requests: () => Promise<Reply>[]): Promise<Reply[]> {
    const orderService = h.stack.service('order').process;
    orderService.kill('SIGSTOP');
    try {
      const pending = requests();
      await sleep(pauseMs);
      orderService.kill('SIGCONT');
      return await Promise.all(pending);
    } finally {
      orderService.kill('SIGCONT');
    }
  }

  const outcome = (orderId: string) =>
    eventually(`order ${orderId} stored`, async () => {
      const reply = await send(h.gateway, 'GET', `/orders/${orderId}`);
      return reply.status === 200 ? (reply.body.status as string) : undefined;
    });

  it('answers 504 with the order id, never 503, for orders that are then confirmed; the key replays the original result', async () => {
    const keys = Array.from({ length: 5 }, () => randomUUID());
    const answers = await whilePaused(ORDER_TIMEOUT_MS + 1500, () =>
      keys.map((key) => send(h.gateway, 'POST', '/orders', order(), { 'idempotency-key': key })),
    );
    console.log(`paused order service: statuses ${answers.map((a) => a.status).join(', ')}`);
    for (const answer of answers) {
      expect(answer.status).toBe(504);
      expect(answer.body).toMatchObject({ error: 'order_outcome_unknown', details: { orderId: expect.any(String) } });
    }
    for (const [i, answer] of answers.entries()) {
      const orderId = (answer.body.details as { orderId: string }).orderId;
      expect(await outcome(orderId)).toBe('confirmed');
      const replay = await send(h.gateway, 'POST', '/orders', order(), { 'idempotency-key': keys[i]! });
      expect(replay.status).toBe(201);
      expect(replay.body).toMatchObject({ orderId, status: 'confirmed' });
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    }
    // One order each, not two: the replays placed nothing.
    const ids = answers.map((a) => (a.body.details as { orderId: string }).orderId);
    expect((await h.db.query('SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[])', [ids])).rows[0].n).toBe(5);
  });

  it('without a key the 504 still names the order, which GET then shows', async () => {
    const [answer] = await whilePaused(ORDER_TIMEOUT_MS + 1000, () => [send(h.gateway, 'POST', '/orders', order())]);
    expect(answer!.status).toBe(504);
    expect(await outcome((answer!.body.details as { orderId: string }).orderId)).toBe('confirmed');
  });

  it('a key reused while its first request runs is a 409; with another body a 422; once done the same answer', async () => {
    const key = randomUUID();
    const [first, second] = await whilePaused(1000, () => [
      send(h.gateway, 'POST', '/orders', order(), { 'idempotency-key': key }),
      sleep(300).then(() => send(h.gateway, 'POST', '/orders', order(), { 'idempotency-key': key })),
    ]);
    expect(first!.status).toBe(201);
    expect(second!.status).toBe(409);
    expect(second!.body).toMatchObject({ error: 'idempotency_key_in_use' });
    const again = await send(h.gateway, 'POST', '/orders', order(), { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.body.orderId).toBe(first!.body.orderId);
    const other = await send(h.gateway, 'POST', '/orders', order({ items: [{ sku: 'TL-CAP', quantity: 1 }] }), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: 'idempotency_key_reused' });
  });

  it('replays a declined payment as the same 402, without charging again', async () => {
    const key = randomUUID();
    const declined = order({ card: { number: '4000000000000002', expMonth: 12, expYear: 2030, cvc: '123' } });
    const first = await send(h.gateway, 'POST', '/orders', declined, { 'idempotency-key': key });
    const again = await send(h.gateway, 'POST', '/orders', declined, { 'idempotency-key': key });
    expect(first.status).toBe(402);
    expect(again.status).toBe(402);
    expect(again.body).toMatchObject({ error: 'payment_declined', details: first.body.details as object });
  });
});
