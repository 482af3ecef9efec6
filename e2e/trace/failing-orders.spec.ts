import { DECLINED_CARD, orderBody, placeOrder } from '../support/shop';
import { find, hasEntries, hasEntry, orphans, type ReceivedSpan, roots, SpanKind, waitForTrace } from '../support/traces';
import { paymentFailedDone } from '../support/whole-trace';

const ERROR = 2;
const isError = (s: ReceivedSpan) => s.status.code === ERROR;

function expectOneWholeTrace(spans: ReceivedSpan[], traceId: string): void {
  expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([traceId]));
  expect(roots(spans)).toHaveLength(1);
  expect(orphans(spans)).toEqual([]);
}

describe('failing orders', () => {
  it('a declined card answers 402 and marks the payment path ERROR in one trace', async () => {
    const answer = await placeOrder(orderBody({ card: { number: DECLINED_CARD, expMonth: 12, expYear: 2030, cvc: '123' } }));
    expect(answer.status).toBe(402);
    expect(answer.body).toMatchObject({ error: 'payment_declined', traceId: answer.traceId });
    // Every service the order reached: each exports on its own schedule.
    const spans = await waitForTrace(answer.traceId, paymentFailedDone);
    expectOneWholeTrace(spans, answer.traceId);
    expect(isError(find(spans, (s) => s.name === 'payment.authorize', 'payment.authorize'))).toBe(true);
    expect(isError(find(spans, (s) => s.name === 'payment.charge', 'payment.charge'))).toBe(true);
    const chargeCall = find(spans, (s) => s.service === 'order' && s.kind === SpanKind.CLIENT && s.name.includes('PaymentService/Charge'), 'order -> Charge');
    expect(isError(chargeCall)).toBe(true);
    expect(isError(find(spans, (s) => s.name === 'order.place', 'order.place'))).toBe(true);
    // the reservation is given back
    expect(spans.some((s) => s.name === 'inventory.release')).toBe(true);
    // fraud-detection itself did fine
    expect(spans.filter((s) => s.service === 'fraud-detection').some(isError)).toBe(false);
  });

  it('out of stock answers 409 and marks the inventory path ERROR in one trace', async () => {
    const answer = await placeOrder(orderBody({ items: [{ sku: 'TL-LIMITED', quantity: 50 }] }));
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: 'out_of_stock' });
    expect(String(answer.body.message)).toContain('TL-LIMITED');
    const spans = await waitForTrace(answer.traceId, hasEntries('gateway', 'order', 'inventory'));
    expectOneWholeTrace(spans, answer.traceId);
    expect(isError(find(spans, (s) => s.name === 'inventory.reserve', 'inventory.reserve'))).toBe(true);
    expect(isError(find(spans, (s) => s.service === 'order' && s.name.includes('InventoryService/Reserve'), 'Reserve call'))).toBe(true);
    expect(spans.some((s) => s.service === 'payment')).toBe(false);
  });

  it('invalid input answers 400 naming each bad field, and the gateway span is ERROR', async () => {
    const answer = await placeOrder({ customerId: 'bob', items: [{ sku: 'TL-MUG', quantity: 0 }], card: { number: '1234', expMonth: 13, expYear: 2030, cvc: '12' } });
    expect(answer.status).toBe(400);
    const fields = (answer.body.details as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['customerId', 'items[0].quantity', 'card.number', 'card.expMonth', 'card.cvc']));
    const spans = await waitForTrace(answer.traceId, hasEntry('gateway'));
    expectOneWholeTrace(spans, answer.traceId);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['gateway']));
    expect(spans.filter(isError).length).toBeGreaterThan(0);
  });
});
