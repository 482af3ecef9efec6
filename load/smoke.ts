/**
 * smoke: one user walks the whole journey a few times. Proves the stack is up, every endpoint
 * answers, and every response is traced (x-trace-id + traceresponse naming the same trace).
 *
 *   pnpm load smoke                        (ITERATIONS=5)
 */
import type { Options } from 'k6/options';
import {
  TREND_STATS,
  baggageFor,
  checkTraced,
  GATEWAY_URL,
  placeOrder,
  prepare,
  readOrder,
  settleTraces,
  type SetupData,
} from './lib/checkout.ts';
import { check } from 'k6';
import http from 'k6/http';
import { envCount } from './lib/env.ts';
import { rateThresholds } from './lib/options.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'smoke';

export const options: Options = {
  scenarios: {
    smoke: {
      executor: 'shared-iterations',
      vus: 1,
      iterations: envCount('ITERATIONS', 5),
      maxDuration: '2m',
    },
  },
  thresholds: {
    // Everything must work and be traced.
    ...rateThresholds('checks', 'rate==1'),
    http_req_failed: ['rate==0'],
    trace_id_missing: ['rate==0'],
    // Generous: a smoke test is about correctness, not speed.
    order_duration: ['p(95)<3000'],
  },
  summaryTrendStats: TREND_STATS,
};

export function setup(): SetupData {
  return prepare(SCENARIO);
}

export default function (data: SetupData): void {
  const products = http.get(`${GATEWAY_URL}/products`, {
    headers: { baggage: baggageFor(SCENARIO), accept: 'application/json' },
    tags: { name: 'GET /products' },
  });
  checkTraced(products, 'GET /products');
  check(products, { 'GET /products: 200': (r) => r.status === 200 });

  const order = placeOrder(SCENARIO, data);
  if (order.orderId !== null) readOrder(SCENARIO, order.orderId);
}

export function teardown(): void {
  settleTraces();
}

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description: 'one VU, the whole journey, everything traced',
  lookFor: [
    'one trace per request: gateway -> order -> inventory / payment -> fraud-detection, then notification via RabbitMQ',
    'the baggage on every span: synthetic=true, shop.scenario=smoke',
    'System Architecture tab: the service dependency graph built from these traces',
  ],
});
