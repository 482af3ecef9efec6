import { GATEWAY_URL } from './env';

export const GOOD_CARD = '4242424242424242';
export const DECLINED_CARD = '4000000000000002';

export interface OrderBody {
  customerId: string;
  items: { sku: string; quantity: number }[];
  card: { number: string; expMonth: number; expYear: number; cvc: string };
}

export function orderBody(overrides: Partial<OrderBody> = {}): OrderBody {
  return {
    customerId: 'cust-0042',
    items: [{ sku: 'TL-MUG', quantity: 1 }],
    card: { number: GOOD_CARD, expMonth: 12, expYear: 2030, cvc: '123' },
    ...overrides,
  };
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  traceId: string;
}

export async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${GATEWAY_URL}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
    traceId: response.headers.get('x-trace-id') ?? '',
  };
}

export const placeOrder = (body: unknown = orderBody(), headers?: Record<string, string>) =>
  call('POST', '/orders', body, headers);
