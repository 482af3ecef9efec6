/**
 * soak: a modest load for a long time. Finds what only time reveals: memory growth, connection
 * or queue leaks, latency that creeps up. Requests are tagged early / middle / late and the
 * thresholds require the late phase to be as healthy as the early one.
 *
 *   pnpm load soak                         (RATE=3/s, DURATION=30m, P95_MS=500)
 * Tip: start the stack with SAMPLING_PERCENTAGE=10 for a soak; errors and slow traces are still
 * all kept, and Jaeger's bounded memory holds a much longer stretch of time.
 */
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { TREND_STATS, placeOrder, prepare, readOrder, settleTraces, type SetupData } from './lib/checkout.ts';
import { durationSeconds, envDuration, envMs, envNumber } from './lib/env.ts';
import { constantRate } from './lib/options.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'soak';
const RATE = envNumber('RATE', 3, { above: 0, unit: 'orders per second' });
const DURATION = envDuration('DURATION', '30m');
const P95_MS = envMs('P95_MS', 500);
/** Length of the early and late windows compared by the thresholds. */
const WINDOW_S = envNumber('WINDOW_S', 300, { min: 1, unit: 'seconds' });

const DURATION_S = durationSeconds(DURATION)!;

export const options: Options = {
  scenarios: {
    soak: constantRate(RATE, { pre: [5, 2], max: [20, 10] }, DURATION),
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    order_failed: ['rate<0.01'],
    order_duration: [`p(95)<${P95_MS}`],
    // No degradation over time: the last window is held to the same bar as the first.
    'order_duration{phase:late}': [`p(95)<${P95_MS}`],
    'order_failed{phase:late}': ['rate<0.01'],
    // Always true: only here so the summary shows the early window next to the late one.
    'order_duration{phase:early}': ['max>=0'],
  },
  summaryTrendStats: TREND_STATS,
};

function phase(): string {
  const elapsedS = (Date.now() - exec.scenario.startTime) / 1000;
  if (elapsedS < WINDOW_S) return 'early';
  if (DURATION_S > 2 * WINDOW_S && elapsedS >= DURATION_S - WINDOW_S) return 'late';
  return 'middle';
}

export function setup(): SetupData {
  return prepare(SCENARIO);
}

export default function (data: SetupData): void {
  const tags = { phase: phase() };
  const order = placeOrder(SCENARIO, data, tags);
  if (order.orderId !== null && Math.random() < 0.2) readOrder(SCENARIO, order.orderId, tags);
}

export function teardown(): void {
  settleTraces();
}

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description: `${RATE}/s for ${DURATION}; the last ${WINDOW_S}s must be as healthy as the first`,
  lookFor: [
    'Monitor tab over the whole run: a p95 line that slowly rises is the classic leak signature',
    'Prometheus (http://localhost:9090): traces_span_metrics_duration_milliseconds by span_name over time',
    'slow traces late in the run: compare them with an early one, span by span',
  ],
});
