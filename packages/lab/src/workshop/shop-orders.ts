/** Orders a lab check places on the running shop, each with the trace id the gateway answered. */
export interface PlacedOrder {
  orderId: string;
  traceId: string;
  status: number;
}

export const GOOD_CARD = '4242424242424242';
/** The test card payment always declines (402): the order's trace ends in an error. */
export const DECLINED_CARD = '4000000000000002';

/** docs/api.md: these customers are always declined for their fraud risk, whatever the card. */
const HIGH_RISK = new Set([666, 999, 1313]);

/** cust-0300, cust-0301, ...: ordinary customers, the high-risk ones skipped. */
export function customerOf(index: number): string {
  const number = 300 + (index % 5000);
  return `cust-${String(HIGH_RISK.has(number) ? number + 1 : number).padStart(4, '0')}`;
}

export interface OrderOptions {
  /** Becomes the customer id, so each order is told apart in the console. */
  index: number;
  card?: string;
  /** shop.scenario baggage: the traces of a lab's check are found by it. */
  scenario: string;
}

export async function placeOrder(gatewayUrl: string, { index, card = GOOD_CARD, scenario }: OrderOptions): Promise<PlacedOrder> {
  const response = await fetch(`${gatewayUrl}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', baggage: `synthetic=true,shop.scenario=${scenario}` },
    body: JSON.stringify({
      customerId: customerOf(index),
      items: [{ sku: 'TL-MUG', quantity: 1 }, { sku: 'TL-CAP', quantity: 1 }],
      card: { number: card, expMonth: 12, expYear: 2030, cvc: '123' },
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { orderId?: string };
  return { orderId: String(body.orderId ?? ''), traceId: response.headers.get('x-trace-id') ?? '', status: response.status };
}

/** `count` orders, `parallel` at a time. */
export async function placeMany(count: number, parallel: number, place: (index: number) => Promise<PlacedOrder>): Promise<PlacedOrder[]> {
  const placed: PlacedOrder[] = [];
  for (let i = 0; i < count; i += parallel) {
    placed.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, (_, j) => place(i + j)))));
  }
  return placed;
}
