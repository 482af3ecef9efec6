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

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface Answer extends Reply {
  traceId: string;
}

/** One HTTP call to a stack at `base`; a body that is not JSON comes back as `{ raw }`. */
export async function request(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A call to the gateway of this tier's stack, with the trace id it answered with. */
export async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const reply = await request(GATEWAY_URL, method, path, body, headers);
  return { ...reply, traceId: reply.headers.get('x-trace-id') ?? '' };
}

export const placeOrder = (body: unknown = orderBody(), headers?: Record<string, string>) =>
  call('POST', '/orders', body, headers);
