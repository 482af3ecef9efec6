import { orderBody, placeOrder } from './shop';
import { hasEntries, hasEntry, orphans, type ReceivedSpan, roots, serviceEdges, SpanKind, waitForTrace } from './traces';

export const EXPECTED_EDGES = [
  'gateway -> order',
  'order -> inventory',
  'order -> notification',
  'order -> payment',
  'payment -> fraud-detection',
].sort();

export const SIX_SERVICES = ['fraud-detection', 'gateway', 'inventory', 'notification', 'order', 'payment'];

/**
 * The trace holds the e-mail span, the last work of an order, and every service's entry span:
 * each service exports on its own schedule, so the e-mail's arriving says nothing of the others.
 */
export const orderDone = (spans: ReceivedSpan[]) => spans.some((s) => s.name === 'notification.send') && hasEntries(...SIX_SERVICES)(spans);

/**
 * The trace of an order that failed at payment (declined, or fraud-detection unavailable) is in:
 * every service it reached, inventory's Release (the stock given back) included.
 */
export const paymentFailedDone = (spans: ReceivedSpan[]) => hasEntries('gateway', 'order', 'payment', 'fraud-detection')(spans) && hasEntry('inventory', '/Release')(spans);

/** One whole tree across all six services: one gateway root, no orphan, exactly the expected edges. */
export function expectWhole(spans: ReceivedSpan[]): void {
  expect(roots(spans)).toHaveLength(1);
  expect(roots(spans)[0]).toMatchObject({ service: 'gateway', kind: SpanKind.SERVER });
  expect(orphans(spans)).toEqual([]);
  expect(serviceEdges(spans)).toEqual(EXPECTED_EDGES);
  expect([...new Set(spans.map((s) => s.service))].sort()).toEqual(SIX_SERVICES);
}

/** Places an ordinary order and checks its trace is one whole tree across all six services. */
export async function expectWholeTrace(): Promise<ReceivedSpan[]> {
  const answer = await placeOrder(orderBody({ items: [{ sku: 'TL-MUG', quantity: 1 }, { sku: 'TL-TEE', quantity: 1 }] }));
  expect(answer.status).toBe(201);
  const spans = await waitForTrace(answer.traceId, orderDone);
  expectWhole(spans);
  return spans;
}

/** Every trace (by id) holding a span with this order id. */
export function tracesOfOrder(all: ReceivedSpan[], orderId: string): Map<string, ReceivedSpan[]> {
  const ids = new Set(all.filter((s) => s.attributes['shop.order.id'] === orderId).map((s) => s.traceId));
  return new Map([...ids].map((id) => [id, all.filter((s) => s.traceId === id)]));
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
