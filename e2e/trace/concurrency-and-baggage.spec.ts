import { orderBody, placeOrder } from '../support/shop';
import { allSpans, find, type ReceivedSpan, SpanKind, waitForTrace } from '../support/traces';
import { orderDone } from '../support/whole-trace';

// Spread over several products: the test is about traces, not about 50 commits queued on one row lock.
const SKUS = ['TL-MUG', 'TL-TEE', 'TL-HOODIE', 'TL-STICKERS', 'TL-CAP'];

describe('50 concurrent orders', () => {
  it('puts every notification in the trace of its own order', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        placeOrder(orderBody({ customerId: `cust-${String(200 + i).padStart(4, '0')}`, items: [{ sku: SKUS[i % SKUS.length]!, quantity: 1 + (i % 3) }] })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const traceOfOrder = new Map(answers.map((a) => [String(a.body.orderId), a.traceId]));
    expect(new Set(traceOfOrder.values()).size).toBe(50);

    const deadline = Date.now() + 20000;
    let consumers: ReceivedSpan[] = [];
    while (Date.now() < deadline) {
      consumers = (await allSpans()).filter((s) => s.kind === SpanKind.CONSUMER && traceOfOrder.has(String(s.attributes['shop.order.id'])));
      if (consumers.length >= 50) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(consumers).toHaveLength(50);
    for (const consumer of consumers) {
      expect(consumer.traceId).toBe(traceOfOrder.get(String(consumer.attributes['shop.order.id'])));
    }
  });
});

describe('baggage set at the gateway', () => {
  it('reaches fraud-detection and notification spans as attributes', async () => {
    const answer = await placeOrder(orderBody({ customerId: 'cust-0042' }), { baggage: 'synthetic=true,shop.scenario=e2e-baggage' });
    expect(answer.status).toBe(201);
    const spans = await waitForTrace(answer.traceId, orderDone);
    for (const service of ['fraud-detection', 'notification']) {
      const span = find(spans, (s) => s.service === service && (s.kind === SpanKind.SERVER || s.kind === SpanKind.CONSUMER), `${service} entry span`);
      expect(span.attributes).toMatchObject({ synthetic: 'true', 'shop.scenario': 'e2e-baggage', 'shop.customer.tier': 'gold' });
    }
  });
});
