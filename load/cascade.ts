/**
 * cascade: a dependency hangs instead of failing. setup() switches the `cascade` fault on
 * (fraud-detection sleeps HANG_MS, default 5 s, in every Score call), teardown() switches it off.
 *
 * What happens, in payment (FRAUD_TIMEOUT_MS 1 s, 3 attempts, breaker after 5 consecutive failed
 * charges, half-open after 5 s):
 *   1. the first orders each wait for three 1 s deadlines (+ backoff), ~3.1 s, and get 503
 *      ("fraud check unavailable: timed out"): the slow way to fail;
 *   2. after 5 of those the circuit breaker opens: from then on payment refuses at once and the
 *      orders come back 503 ("... circuit breaker open") in tens of milliseconds, without a call
 *      to fraud-detection: failing fast protects the callers' threads, pools and users;
 *   3. every 5 s the breaker lets one probe through (half-open); the probe hangs ~3.1 s again and
 *      the charges arriving meanwhile wait for its verdict, then get the fast 503 too (late).
 * So nearly every order fails, most of them fast. The thresholds assert exactly that symptom:
 *   - order_unavailable > 90 %: fraud-detection never answers in time, nothing succeeds;
 *   - order_fast_503 > 30 %: orders answered 503 within FAST_503_MS (250 ms); expected ~50-60 %
 *     (the open 5 s of every ~8 s cycle); without a breaker it would be 0 %;
 *   - the 503s of the open breaker: median < FAST_503_MS; the 503s of the timeouts: median > 1 s.
 *
 *   pnpm load cascade                      (RATE=5/s, DURATION=1m, HANG_MS=5000, FAST_503_MS=250)
 *
 * HANG_MS must stay above payment's 1 s deadline, or there is no cascade (only slow orders).
 * After teardown the breaker is still open for up to 5 s: the next probe closes it.
 */
import type { Options } from 'k6/options';
import { Trend } from 'k6/metrics';
import { TREND_STATS, placeOrder } from './lib/checkout.ts';
import { envMs, envNumber } from './lib/env.ts';
import { SampledRate, constantRate, rateThresholds } from './lib/options.ts';
import { faultSetup, faultTeardown, type FaultScenarioData as Data } from './lib/faults.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'cascade';
const FAULT = 'cascade';
const RATE = envNumber('RATE', 5, { above: 0, unit: 'orders per second' });
const HANG_MS = envMs('HANG_MS', 5000);
const FAST_503_MS = envMs('FAST_503_MS', 250);

/** Share of orders answered 503 within FAST_503_MS. */
const fast503 = new SampledRate('order_fast_503');
/** Latency of the 503 answers, tagged cause = breaker-open | timeout | other (from the error message). */
const duration503 = new Trend('order_503_duration', true);

export const options: Options = {
  scenarios: {
    // Until the breaker opens (and while a probe is out) orders take ~3 s: RATE x 4 in flight.
    cascade: constantRate(RATE, { pre: [10, 4], max: [40, 8] }),
  },
  thresholds: {
    // The symptom: (almost) every order fails with 503...
    // (Each Rate asserted from below comes with its no-data guard: k6 passes it on no sample.)
    ...rateThresholds('order_unavailable', 'rate>0.9'),
    // ...and many of those 503s come back fast: the breaker is open and sheds the load.
    ...rateThresholds('order_fast_503', 'rate>0.3'),
    'order_503_duration{cause:breaker-open}': [`med<${FAST_503_MS}`],
    // The contrast: before it opened, each 503 waited for the deadlines.
    'order_503_duration{cause:timeout}': ['med>1000'],
    trace_id_missing: ['rate==0'],
  },
  summaryTrendStats: TREND_STATS,
};

/** Why payment gave up, from the 503's message. */
function causeOf(message: string | null): string {
  if (message === null) return 'other';
  if (/circuit breaker open/i.test(message)) return 'breaker-open';
  if (/deadline|timed? ?out/i.test(message)) return 'timeout';
  return 'other';
}

export const setup = faultSetup(SCENARIO, FAULT, { hangMs: HANG_MS });

export default function (data: Data): void {
  const order = placeOrder(SCENARIO, data);
  const is503 = order.status === 503;
  fast503.add(is503 && order.durationMs < FAST_503_MS);
  if (is503) duration503.add(order.durationMs, { cause: causeOf(order.message) });
}

export const teardown = faultTeardown;

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description:
    `fault "${FAULT}" on (hangMs ${HANG_MS}), ${RATE} orders/s; passes when > 90 % of the orders get 503 ` +
    `and > 30 % get it within ${FAST_503_MS} ms (the breaker opened: the symptom is there)`,
  lookFor: [
    'a slow 503 (~3 s): three gRPC client spans from payment to fraud-detection, each cut at 1 s (DEADLINE_EXCEEDED), while the fraud-detection server spans run on for the whole hang: the trace lasts ~7 s, the user waited ~3 s',
    'a fast 503: payment.charge with shop.circuit.state=open and no call to fraud-detection at all',
    'the rhythm: every ~5 s one probe goes through (half-open) and hangs again; the charges that arrived meanwhile wait for its verdict (long payment.charge, no call) and end together with it',
    'Monitor tab: fraud-detection only receives the probes (3 Score calls every ~8 s) once the breaker is open, while the order error rate stays at 100 %',
  ],
});
