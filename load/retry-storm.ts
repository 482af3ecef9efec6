/**
 * retry-storm: a dependency starts failing and its caller retries, multiplying the calls to the
 * thing that is already struggling. setup() switches the `retry-storm` fault on (fraud-detection
 * fails FAIL_RATE of its Score calls with UNAVAILABLE), teardown() switches it off. payment
 * retries each failed call: up to 3 attempts, with a jittered exponential backoff starting at
 * 50 ms (~45 ms, then ~55 ms more on average).
 *
 * What that predicts at the default FAIL_RATE 0.5, and what the thresholds assert:
 *   - 1/2 of the orders need no retry, 1/4 one, 1/4 two;
 *   - 0.5^3 = 12.5 % of the orders fail all 3 attempts and are answered 503 ("fraud check
 *     unavailable"): order_unavailable between 5 % and 25 %;
 *   - p95 lands among the quarter of orders that waited two backoffs (~100 ms, up to ~200 ms)
 *     on top of a healthy order: p95 > SYMPTOM_P95_MS (120 ms; healthy p95 is ~50 ms).
 *   - fraud-detection receives ~1.75 Score calls per order instead of 1: the amplification, only
 *     visible in the traces and in the Monitor tab's call rates.
 * The circuit breaker (5 consecutive failed charges) practically never opens here: 0.125^5.
 *
 *   pnpm load retry-storm                  (RATE=5/s, DURATION=1m, FAIL_RATE=0.5, SYMPTOM_P95_MS=120)
 */
import type { Options } from 'k6/options';
import { TREND_STATS, placeOrder } from './lib/checkout.ts';
import { envMs, envNumber } from './lib/env.ts';
import { constantRate, rateThresholds } from './lib/options.ts';
import { faultSetup, faultTeardown, type FaultScenarioData as Data } from './lib/faults.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'retry-storm';
const FAULT = 'retry-storm';
const RATE = envNumber('RATE', 5, { above: 0, unit: 'orders per second' });
// Above 0: without failures there is no storm, and no 503 to expect.
const FAIL_RATE = envNumber('FAIL_RATE', 0.5, { above: 0, max: 1, unit: 'share of failed Score calls' });
const SYMPTOM_P95_MS = envMs('SYMPTOM_P95_MS', 120);
/** Share of orders expected to fail all 3 attempts. */
const EXPECTED_503 = FAIL_RATE ** 3;

export const options: Options = {
  scenarios: {
    'retry-storm': constantRate(RATE, { pre: [5, 3], max: [30, 10] }),
  },
  thresholds: {
    // The symptom: the retries (and their backoff) add up in the slow part of the checkouts...
    order_duration: [`p(95)>${SYMPTOM_P95_MS}`],
    // ...and about FAIL_RATE^3 of the orders run out of attempts: 503, not a crash, not a hang.
    ...rateThresholds('order_unavailable', `rate>${(EXPECTED_503 * 0.4).toFixed(4)}`, `rate<${Math.min(1, EXPECTED_503 * 2 + 0.01).toFixed(4)}`),
    trace_id_missing: ['rate==0'],
  },
  summaryTrendStats: TREND_STATS,
};

export const setup = faultSetup(SCENARIO, FAULT, { failRate: FAIL_RATE });

export default function (data: Data): void {
  placeOrder(SCENARIO, data);
}

export const teardown = faultTeardown;

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description:
    `fault "${FAULT}" on (failRate ${FAIL_RATE}), ${RATE} orders/s; passes when p95 > ${SYMPTOM_P95_MS} ms and ` +
    `~${(EXPECTED_503 * 100).toFixed(1)} % of the orders get 503 (the symptom is there)`,
  lookFor: [
    'in one trace: payment calling fraud-detection again and again, one gRPC client span per attempt (attribute shop.retry.attempt)',
    'the gaps between attempts: the backoff (tens of ms, jittered); the 503 traces end after the third failed attempt',
    'Monitor tab: fraud-detection call rate well above the order rate (the amplification), its errors and latency',
  ],
});
