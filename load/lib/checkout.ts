/**
 * The shop journey every scenario drives: learn the catalogue, place orders as an ordinary
 * customer, read them back. Every request carries the W3C baggage
 * `synthetic=true,shop.scenario=<scenario>`, which the services copy onto every span, so load
 * test traffic can be found (and filtered out) in Jaeger and Prometheus.
 *
 * Runs inside k6 (not Node): only k6 modules are imported, and local imports name the `.ts` file.
 */
import { check, fail, sleep } from 'k6';
import http from 'k6/http';
import { Rate, Trend } from 'k6/metrics';
import type { JSONValue } from 'k6';
import type { RefinedResponse, ResponseType } from 'k6/http';
import { envNumber } from './env.ts';
import { SampledRate } from './options.ts';

// ---------------------------------------------------------------- environment

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Where the gateway answers (compose's k6 container sets http://gateway:8080). */
export const GATEWAY_URL = trimSlash(__ENV.GATEWAY_URL || 'http://localhost:8080');
/** Base of the trace links printed for a human (the browser on the host). */
export const JAEGER_URL = trimSlash(__ENV.JAEGER_URL || 'http://localhost:16686');

/** Trend statistics shown by the summary (p99 included). */
export const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

// ---------------------------------------------------------------- metrics

/** Latency of POST /orders as seen by the client, ms. Thresholds are written against it. */
export const orderDuration = new Trend('order_duration', true);
/** Share of orders that did not come back 201 with an order id. */
export const orderFailed = new SampledRate('order_failed');
/** Share of orders answered 503 (a dependency unavailable: retries ran out, or a circuit breaker is open). */
export const orderUnavailable = new SampledRate('order_unavailable');
/** Share of responses without a usable `x-trace-id` (should stay 0: every response is traced). */
export const traceIdMissing = new Rate('trace_id_missing');

// ---------------------------------------------------------------- tracing helpers

const TRACE_ID = /^[0-9a-f]{32}$/;
const TRACERESPONSE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The W3C baggage value that marks a request as load-test traffic of `scenario`. */
export function baggageFor(scenario: string): string {
  return `synthetic=true,shop.scenario=${scenario}`;
}

/** Link to one trace in the Jaeger UI. */
export function traceUrl(traceId: string): string {
  return `${JAEGER_URL}/trace/${traceId}`;
}

/** A response header, whatever its case (k6 canonicalises names, e.g. `X-Trace-Id`). */
export function header(res: RefinedResponse<ResponseType | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(res.headers)) {
    if (key.toLowerCase() === wanted) return res.headers[key];
  }
  return undefined;
}

/** The trace id the gateway reports in `x-trace-id`, or null when absent or malformed. */
export function traceIdOf(res: RefinedResponse<ResponseType | undefined>): string | null {
  const value = (header(res, 'x-trace-id') ?? '').trim().toLowerCase();
  return TRACE_ID.test(value) ? value : null;
}

/** True when `traceresponse` is a valid W3C trace-context response header for `traceId`. */
export function traceresponseMatches(res: RefinedResponse<ResponseType | undefined>, traceId: string | null): boolean {
  const match = TRACERESPONSE.exec((header(res, 'traceresponse') ?? '').trim().toLowerCase());
  return match !== null && traceId !== null && match[1] === traceId;
}

/** Checks every gateway response must pass; records missing trace ids. */
export function checkTraced(res: RefinedResponse<ResponseType | undefined>, what: string): string | null {
  const traceId = traceIdOf(res);
  traceIdMissing.add(traceId === null);
  check(res, {
    [`${what}: x-trace-id is a W3C trace id`]: () => traceId !== null,
    [`${what}: traceresponse names the same trace`]: () => traceresponseMatches(res, traceId),
  });
  return traceId;
}

// Per-VU memory of the slowest requests this VU has seen. k6 VUs share no state, so a global
// "top N" cannot be kept here; instead each VU logs a request when it enters its own top 3 and
// is slower than SLOW_LOG_MS (a logarithmic number of lines per VU), and the end-of-test summary
// asks Jaeger for the global slowest traces (see summary.ts).
const SLOW_LOG_MS = envNumber('SLOW_LOG_MS', 1000, { unit: 'milliseconds' });
const vuSlowest: number[] = [];

/** Logs `name` with its Jaeger link when it is one of this VU's 3 slowest requests so far. */
export function noteLatency(name: string, durationMs: number, traceId: string | null): void {
  if (traceId === null || durationMs < SLOW_LOG_MS) return;
  if (vuSlowest.length >= 3 && durationMs <= vuSlowest[vuSlowest.length - 1]!) return;
  vuSlowest.push(durationMs);
  vuSlowest.sort((a, b) => b - a);
  if (vuSlowest.length > 3) vuSlowest.length = 3;
  console.warn(`slow ${name}: ${Math.round(durationMs)} ms  ${traceUrl(traceId)}`);
}

// ---------------------------------------------------------------- catalogue and customers

/** What setup() hands to every VU (must be plain JSON). */
export interface SetupData {
  skus: string[];
  /** Epoch ms when setup ran; the summary uses it to bound its Jaeger search. */
  startedAt: number;
}

function asObject(value: JSONValue | undefined): { [key: string]: JSONValue } | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as { [key: string]: JSONValue })
    : null;
}

/** The product list of a GET /products answer, or null when the body has none. */
function productList(body: JSONValue): JSONValue[] | null {
  if (Array.isArray(body)) return body;
  const object = asObject(body);
  if (object === null) return null;
  for (const key of ['products', 'items', 'data']) {
    const list = object[key];
    if (Array.isArray(list)) return list;
  }
  return null;
}

/** Stock of a product when the catalogue reports one, else undefined. */
function stockOf(product: { [key: string]: JSONValue }): number | undefined {
  for (const key of ['stock', 'available', 'availableQuantity', 'quantity']) {
    const value = product[key];
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/**
 * A product is only ordered when the catalogue reports at least this much stock (or no stock at
 * all): the deliberately scarce items (e.g. TL-LIMITED, stock 2) would turn a load test into a
 * wall of 409 out-of-stock answers.
 */
const MIN_STOCK = envNumber('MIN_STOCK', 1000, { unit: 'units in stock' });

/**
 * GET /products and keep the SKUs with plenty of stock.
 * Meant for setup(): fails the test when the catalogue is unusable.
 */
export function fetchSkus(scenario: string): string[] {
  const res = http.get(`${GATEWAY_URL}/products`, {
    headers: { baggage: baggageFor(scenario), accept: 'application/json' },
    tags: { name: 'GET /products' },
  });
  checkTraced(res, 'GET /products');
  // Anything but a 200 with a JSON product list (another server on the port, a proxy's HTML page)
  // gets the same answer as no server at all.
  const products = res.status === 200 ? productList(safeJson(res)) : null;
  if (products === null) {
    const what = res.status === 200 ? '200 without a product list' : String(res.status);
    fail(`GET ${GATEWAY_URL}/products answered ${what}: is the stack up?`);
  }
  const skus: string[] = [];
  for (const item of products) {
    const product = asObject(item);
    if (product === null || typeof product.sku !== 'string') continue;
    const stock = stockOf(product);
    if (stock === undefined || stock >= MIN_STOCK) skus.push(product.sku);
  }
  if (skus.length === 0) fail(`GET /products returned no SKU with at least ${MIN_STOCK} in stock (pnpm db:reset restores it)`);
  return skus;
}

/** setup() body shared by the scenarios. */
export function prepare(scenario: string): SetupData {
  return { skus: fetchSkus(scenario), startedAt: Date.now() };
}

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}

/** An ordinary customer (cust-0001 .. cust-0500): never one of the high-risk ids fraud declines. */
export function pickCustomerId(): string {
  const n = 1 + Math.floor(Math.random() * 500);
  return `cust-${String(n).padStart(4, '0')}`;
}

// ---------------------------------------------------------------- the journey

export interface OrderOutcome {
  ok: boolean;
  status: number;
  orderId: string | null;
  traceId: string | null;
  durationMs: number;
  /** For an error answer: its `error` code and `message` (e.g. "payment unavailable: fraud check unavailable: circuit breaker open"). */
  error: string | null;
  message: string | null;
}

/** Test card that the payment service approves. */
const APPROVED_CARD = {
  number: '4242424242424242',
  expMonth: 12,
  expYear: new Date().getFullYear() + 3,
  cvc: '123',
};

/**
 * `count` different SKUs (at most as many as the catalogue offers), one unit each, sorted by SKU.
 * Different SKUs because the order service merges repeated SKUs into one line; sorted so that
 * concurrent orders lock the product rows in the same order (no deadlocks of the test's making).
 */
function pickLines(skus: readonly string[], count: number): { sku: string; quantity: number }[] {
  if (count <= 1) return [{ sku: pick(skus), quantity: 1 }];
  const pool = [...skus];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool
    .slice(0, Math.min(count, pool.length))
    .sort()
    .map((sku) => ({ sku, quantity: 1 }));
}

/**
 * POST /orders for a random ordinary customer: one random SKU, or `lines` different SKUs. `tags`
 * (e.g. a phase of a spike) are added to the request and to order_duration / order_failed /
 * order_unavailable.
 */
export function placeOrder(
  scenario: string,
  data: SetupData,
  tags: { [name: string]: string } = {},
  lines = 1,
): OrderOutcome {
  const body = {
    customerId: pickCustomerId(),
    items: pickLines(data.skus, lines),
    card: APPROVED_CARD,
  };
  const res = http.post(`${GATEWAY_URL}/orders`, JSON.stringify(body), {
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      baggage: baggageFor(scenario),
    },
    tags: { name: 'POST /orders', ...tags },
    timeout: '30s',
  });
  const traceId = checkTraced(res, 'POST /orders');
  const answer = asObject(safeJson(res));
  const json = res.status === 201 ? answer : null;
  const orderId = json !== null && typeof json.orderId === 'string' ? json.orderId : null;
  const ok = res.status === 201 && orderId !== null && (json!.status === undefined || json!.status === 'confirmed');
  check(res, {
    'POST /orders: 201, confirmed, with an order id': () => ok,
    'POST /orders: body traceId equals x-trace-id': () =>
      json === null || json.traceId === undefined || json.traceId === traceId,
  });
  orderDuration.add(res.timings.duration, tags);
  orderFailed.add(!ok, tags);
  orderUnavailable.add(res.status === 503, tags);
  noteLatency('POST /orders', res.timings.duration, traceId);
  const error = res.status >= 400 && answer !== null && typeof answer.error === 'string' ? answer.error : null;
  const message = res.status >= 400 && answer !== null && typeof answer.message === 'string' ? answer.message : null;
  return { ok, status: res.status, orderId, traceId, durationMs: res.timings.duration, error, message };
}

/** An order as GET /orders/:id returns it (docs/api.md). */
export type OrderView = { [key: string]: JSONValue };

/**
 * GET /orders/:id (tagged with a fixed name so ids do not become metric series): the order, or
 * null when it was not found.
 */
export function readOrder(scenario: string, orderId: string, tags: { [name: string]: string } = {}): OrderView | null {
  const res = http.get(`${GATEWAY_URL}/orders/${encodeURIComponent(orderId)}`, {
    headers: { accept: 'application/json', baggage: baggageFor(scenario) },
    tags: { name: 'GET /orders/:id', ...tags },
  });
  const traceId = checkTraced(res, 'GET /orders/:id');
  const json = res.status === 200 ? asObject(safeJson(res)) : null;
  const found = json !== null && (json.orderId === orderId || json.id === orderId);
  check(res, { 'GET /orders/:id: 200 with the same order': () => found });
  noteLatency('GET /orders/:id', res.timings.duration, traceId);
  return found ? json : null;
}

function safeJson(res: RefinedResponse<ResponseType | undefined>): JSONValue {
  try {
    return res.json();
  } catch {
    return null;
  }
}

/**
 * For teardown(): give the last spans time to cross the collector (tail-sampling decision wait
 * + batching) before handleSummary() looks them up in Jaeger.
 */
const TRACE_SETTLE_SECONDS = envNumber('TRACE_SETTLE_SECONDS', 7, { max: 600, unit: 'seconds' });

export function settleTraces(): void {
  if (TRACE_SETTLE_SECONDS > 0) sleep(TRACE_SETTLE_SECONDS);
}
