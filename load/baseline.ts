/**
 * baseline: a steady, open-model load (constant arrival rate: new orders arrive whether or not
 * earlier ones finished, like real customers). Its thresholds define "healthy"; run it before and
 * after a change, or before a fault scenario, to have something to compare with.
 *
 *   pnpm load baseline                     (RATE=5 orders/s, DURATION=2m, P95_MS=500)
 */
import type { Options } from 'k6/options';
import {
  TREND_STATS,
  envNumber,
  envString,
  placeOrder,
  prepare,
  readOrder,
  settleTraces,
  type SetupData,
} from './lib/checkout.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'baseline';
const RATE = envNumber('RATE', 5);
const P95_MS = envNumber('P95_MS', 500);

export const options: Options = {
  scenarios: {
    baseline: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: envString('DURATION', '2m'),
      preAllocatedVUs: Math.max(5, Math.ceil(RATE * 2)),
      maxVUs: Math.max(20, Math.ceil(RATE * 10)),
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    order_failed: ['rate<0.01'],
    order_duration: [`p(95)<${P95_MS}`],
    checks: ['rate>0.99'],
    trace_id_missing: ['rate==0'],
  },
  summaryTrendStats: TREND_STATS,
};

export function setup(): SetupData {
  return prepare(SCENARIO);
}

export default function (data: SetupData): void {
  const order = placeOrder(SCENARIO, data);
  // One order in five is read back, like a customer checking the confirmation page.
  if (order.orderId !== null && Math.random() < 0.2) readOrder(SCENARIO, order.orderId);
}

export function teardown(): void {
  settleTraces();
}

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description: `constant arrival rate ${RATE}/s; healthy means <1% errors and p95 < ${P95_MS} ms`,
  lookFor: [
    'Monitor tab: request rate, error rate and p95 per service and operation (from span metrics)',
    'the shape of a normal checkout trace, to compare with the fault scenarios',
    'where the time goes in the slowest traces below: it is the "normal" tail',
  ],
});
