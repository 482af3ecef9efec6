/**
 * retry-storm: a dependency starts failing and callers retry without enough backoff, multiplying
 * the load on the thing that is already struggling. setup() switches the gateway's `retry-storm`
 * fault on, teardown() switches it off. The thresholds assert the symptom (checkout latency far
 * above normal); the cause is only visible in the traces: many attempts per request.
 *
 *   pnpm load retry-storm                  (RATE=5/s, DURATION=1m, SYMPTOM_P95_MS=300)
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

const SCENARIO = 'retry-storm';
const FAULT = 'retry-storm';
const RATE = envNumber('RATE', 5);
const SYMPTOM_P95_MS = envNumber('SYMPTOM_P95_MS', 300);

export const options: Options = {
  scenarios: {
    'retry-storm': {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: envString('DURATION', '1m'),
      preAllocatedVUs: Math.max(5, Math.ceil(RATE * 3)),
      maxVUs: Math.max(30, Math.ceil(RATE * 10)),
    },
  },
  thresholds: {
    // The symptom: retries pile up latency on every checkout...
    order_duration: [`p(95)>${SYMPTOM_P95_MS}`],
    // ...and the gateway still answers (with errors once retries run out).
    http_req_failed: ['rate<0.5'],
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
    'in one trace: payment calling fraud-detection again and again, one gRPC client span per attempt (attribute shop.retry.attempt)',
    'the gaps between attempts: no (or too little) backoff, so the retries of many orders arrive together',
    'Monitor tab: fraud-detection call rate far above the order rate (the amplification), its errors and latency',
  ],
});
