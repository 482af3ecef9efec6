/**
 * baseline: a steady, open-model load (constant arrival rate: new orders arrive whether or not
 * earlier ones finished, like real customers). Its thresholds define "healthy"; run it before and
 * after a change, or before a fault scenario, to have something to compare with.
 *
 *   pnpm load baseline                     (RATE=5 orders/s, DURATION=2m, P95_MS=500)
 */
import type { Options } from 'k6/options';
import { TREND_STATS, placeOrder, prepare, readOrder, settleTraces, type SetupData } from './lib/checkout.ts';
import { envDuration, envMs, envNumber } from './lib/env.ts';
import { constantRate, rateThresholds } from './lib/options.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'baseline';
const RATE = envNumber('RATE', 5, { above: 0, unit: 'orders per second' });
const P95_MS = envMs('P95_MS', 500);

export const options: Options = {
  scenarios: {
    baseline: constantRate(RATE, { pre: [5, 2], max: [20, 10] }, envDuration('DURATION', '2m')),
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    order_failed: ['rate<0.01'],
    order_duration: [`p(95)<${P95_MS}`],
    ...rateThresholds('checks', 'rate>0.99'),
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
