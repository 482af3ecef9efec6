/**
 * slow-query: a bottleneck in the database. setup() switches the `slow-query` fault on (fraud-
 * detection drops the index of its 2M-row customer_risk table, so every risk lookup becomes a
 * sequential scan), teardown() switches it off (the index is rebuilt, a few seconds). The
 * thresholds assert the SYMPTOM (orders got slow while still succeeding): the run passes when the
 * problem is visible, so the traces are worth opening.
 *
 * Why these numbers: one scan of 2M rows takes ~100-300 ms on a laptop (~150 ms on a fast
 * machine), and every order waits for exactly one, so even the MEDIAN order pays for it (healthy:
 * ~30-60 ms, nothing above 100 ms). Under load the scans overlap and share the CPU and the disk,
 * so the tail grows further. The Score call's 1 s deadline is far away at 2 orders/s: orders stay
 * successful. Much more load than that and scans pile up past the deadline: payment retries them
 * (more scans), the breaker opens and orders fail: that is the cascade scenario, not this one.
 *
 *   pnpm load slow-query                   (RATE=2/s, DURATION=1m, SYMPTOM_MED_MS=100, SYMPTOM_P95_MS=150)
 */
import type { Options } from 'k6/options';
import { TREND_STATS, placeOrder } from './lib/checkout.ts';
import { envMs, envNumber } from './lib/env.ts';
import { constantRate } from './lib/options.ts';
import { faultSetup, faultTeardown, type FaultScenarioData as Data } from './lib/faults.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'slow-query';
const FAULT = 'slow-query';
const RATE = envNumber('RATE', 2, { above: 0, unit: 'orders per second' });
const SYMPTOM_MED_MS = envMs('SYMPTOM_MED_MS', 100);
const SYMPTOM_P95_MS = envMs('SYMPTOM_P95_MS', 150);

export const options: Options = {
  scenarios: {
    'slow-query': constantRate(RATE, { pre: [5, 5], max: [20, 20] }),
  },
  thresholds: {
    // The symptom: the typical order (not only the tail) waits for a full table scan...
    order_duration: [`med>${SYMPTOM_MED_MS}`, `p(95)>${SYMPTOM_P95_MS}`],
    // ...while orders still succeed (slow, not broken).
    order_failed: ['rate<0.05'],
    trace_id_missing: ['rate==0'],
  },
  summaryTrendStats: TREND_STATS,
};

export const setup = faultSetup(SCENARIO, FAULT);

export default function (data: Data): void {
  placeOrder(SCENARIO, data);
}

export const teardown = faultTeardown;

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description:
    `fault "${FAULT}" on, ${RATE} orders/s; passes when the median order > ${SYMPTOM_MED_MS} ms and p95 > ${SYMPTOM_P95_MS} ms ` +
    `with < 5 % failures (the symptom is there)`,
  lookFor: [
    'in a slow trace: the one long database span (pg query) under fraud-detection, and everything above it just waiting',
    'the db.query.text attribute of that span: the query that scans instead of using an index',
    'compare two traces: the scan costs about the same in every order, it is not a tail problem',
    'Monitor tab -> fraud-detection: p95 of its gRPC server operation jumps while its call rate stays flat',
  ],
});
