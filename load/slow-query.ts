/**
 * slow-query: a bottleneck in the database. setup() switches the gateway's `slow-query` fault on
 * and teardown() switches it off again. The thresholds assert the SYMPTOM (orders got slow while
 * still succeeding): this run passes when the problem is visible, so the traces are worth opening.
 *
 *   pnpm load slow-query                   (RATE=2/s, DURATION=1m, SYMPTOM_P95_MS=500)
 */
import type { Options } from 'k6/options';
import {
  TREND_STATS,
  envNumber,
  envString,
  placeOrder,
  prepare,
  settleTraces,
  type SetupData,
} from './lib/checkout.ts';
import { disableFault, enableFault } from './lib/faults.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'slow-query';
const FAULT = 'slow-query';
const RATE = envNumber('RATE', 2);
const SYMPTOM_P95_MS = envNumber('SYMPTOM_P95_MS', 500);

export const options: Options = {
  scenarios: {
    'slow-query': {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: envString('DURATION', '1m'),
      preAllocatedVUs: Math.max(5, Math.ceil(RATE * 5)),
      maxVUs: Math.max(20, Math.ceil(RATE * 20)),
    },
  },
  thresholds: {
    // The symptom: checkout latency well above the baseline's healthy p95...
    order_duration: [`p(95)>${SYMPTOM_P95_MS}`],
    // ...while orders still succeed (slow, not broken).
    order_failed: ['rate<0.05'],
    trace_id_missing: ['rate==0'],
  },
  summaryTrendStats: TREND_STATS,
};

export function setup(): SetupData {
  const data = prepare(SCENARIO);
  enableFault(FAULT);
  return data;
}

export default function (data: SetupData): void {
  placeOrder(SCENARIO, data);
}

export function teardown(): void {
  disableFault(FAULT);
  settleTraces();
}

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description: `fault "${FAULT}" on, ${RATE} orders/s; passes when p95 > ${SYMPTOM_P95_MS} ms (the symptom is there)`,
  lookFor: [
    'in a slow trace: the one long database span (pg query) under fraud-detection, and everything above it just waiting',
    'the db.query.text attribute of that span: the query that scans instead of using an index',
    'Monitor tab -> fraud-detection: p95 of its gRPC server operation jumps while its call rate stays flat',
  ],
});
