/**
 * spike: a sudden burst of orders (ramping arrival rate), then back to normal. The question is not
 * whether the burst hurts (it will) but whether the system recovers: the thresholds are on the
 * recovery phase. Every request is tagged with its phase (warmup, spike, recovery).
 *
 *   pnpm load spike                        (BASE_RATE=5/s, PEAK_RATE=40/s, RECOVERY_P95_MS=800)
 */
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { TREND_STATS, placeOrder, prepare, settleTraces, type SetupData } from './lib/checkout.ts';
import { envMs, envNumber } from './lib/env.ts';
import { arrivalRates } from './lib/options.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'spike';
const BASE_RATE = envNumber('BASE_RATE', 5, { above: 0, unit: 'orders per second' });
const PEAK_RATE = envNumber('PEAK_RATE', 40, { above: 0, unit: 'orders per second' });
const RECOVERY_P95_MS = envMs('RECOVERY_P95_MS', 800);
// k6 wants whole iterations per timeUnit: 2.5/s becomes 5 per 2s, for the start rate and every stage.
const { timeUnit, rate } = arrivalRates({ BASE_RATE, PEAK_RATE });

// Stage lengths in seconds: warmup, ramp up, hold the peak, ramp down, recovery.
const WARMUP_S = 60;
const RAMP_UP_S = 10;
const PEAK_S = 30;
const RAMP_DOWN_S = 10;
const RECOVERY_S = 60;

export const options: Options = {
  scenarios: {
    spike: {
      executor: 'ramping-arrival-rate',
      startRate: rate.BASE_RATE,
      timeUnit,
      preAllocatedVUs: Math.max(10, Math.ceil(BASE_RATE * 2)),
      // Enough VUs for ~2 s responses at the peak; beyond that k6 reports dropped_iterations
      // (the system fell behind) instead of growing past its 256 MiB container limit.
      maxVUs: Math.max(40, Math.ceil(PEAK_RATE * 2)),
      stages: [
        { target: rate.BASE_RATE, duration: `${WARMUP_S}s` },
        { target: rate.PEAK_RATE, duration: `${RAMP_UP_S}s` },
        { target: rate.PEAK_RATE, duration: `${PEAK_S}s` },
        { target: rate.BASE_RATE, duration: `${RAMP_DOWN_S}s` },
        { target: rate.BASE_RATE, duration: `${RECOVERY_S}s` },
      ],
    },
  },
  thresholds: {
    // During the spike some failures are tolerated...
    http_req_failed: ['rate<0.05'],
    // ...but once the load is back to normal, so must the latency and the errors be.
    'order_duration{phase:recovery}': [`p(95)<${RECOVERY_P95_MS}`],
    'order_failed{phase:recovery}': ['rate<0.01'],
    // Always true: only here so the summary shows the other phases next to recovery.
    'order_duration{phase:warmup}': ['max>=0'],
    'order_duration{phase:spike}': ['max>=0'],
  },
  summaryTrendStats: TREND_STATS,
};

function phase(): string {
  const elapsedS = (Date.now() - exec.scenario.startTime) / 1000;
  if (elapsedS < WARMUP_S) return 'warmup';
  if (elapsedS < WARMUP_S + RAMP_UP_S + PEAK_S + RAMP_DOWN_S) return 'spike';
  return 'recovery';
}

export function setup(): SetupData {
  return prepare(SCENARIO);
}

export default function (data: SetupData): void {
  placeOrder(SCENARIO, data, { phase: phase() });
}

export function teardown(): void {
  settleTraces();
}

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description: `${BASE_RATE}/s -> ${PEAK_RATE}/s for ${PEAK_S}s -> ${BASE_RATE}/s; recovery p95 must be < ${RECOVERY_P95_MS} ms`,
  lookFor: [
    'Monitor tab: the latency and error spikes, and how fast they come back down',
    'in the slowest traces: time spent waiting (gaps before a span starts) rather than working, e.g. pg-pool connect, gRPC queueing',
    'which service saturates first: compare span durations of the same operation in warmup vs spike traces',
  ],
});
