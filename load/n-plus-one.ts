/**
 * n-plus-one: the ORM-loop shape. With the `n-plus-one` fault on, inventory reserves an order with
 * two queries PER LINE (UPDATE products ..., INSERT INTO reservations ...) inside its transaction,
 * instead of one statement for all lines and one for all reservations. Orders here carry LINES
 * (7) different SKUs, the whole plentiful catalogue: 14 round trips to Postgres instead of 2, and
 * the product rows stay locked longer, so concurrent orders queue behind each other.
 *
 * The cost per order is small (a few ms on a fast machine, more where Postgres is a container
 * round trip away), so an absolute threshold would only describe one machine. This run compares
 * within itself instead:
 *   1. setup() places orders with the fault OFF for OFF_SECONDS (20 s) at the same pace (RATE),
 *      one at a time, tagged fault=off, and keeps their median and p95;
 *   2. it switches the fault on; the load phase is tagged fault=on;
 *   3. every fault=on order records whether it was slower than the fault=off p95 and median.
 * If nothing changed, 5 % of the fault=on orders would be slower than the fault=off p95 and 50 %
 * slower than its median. The thresholds assert the rise:
 *   - order_over_off_p95 > 10 %: the p95 of POST /orders rose (the fault=on p90 is above the
 *     fault=off p95; measured 23-57 % at 5 orders/s with 7 lines on a 2-CPU machine);
 *   - order_over_off_median > 50 %: the median rose too (measured 65-89 %);
 *   - fewer than 5 % failed orders: on a busy machine the longer transactions can queue on the
 *     product row locks past order's 2 s inventory deadline (503 "inventory unavailable").
 * The summary prints both phases' percentiles side by side.
 *
 *   pnpm load n-plus-one                   (RATE=5/s, DURATION=1m, LINES=7, OFF_SECONDS=20)
 */
import type { Options } from 'k6/options';
import { sleep } from 'k6';
import { Rate } from 'k6/metrics';
import {
  TREND_STATS,
  envNumber,
  envString,
  placeOrder,
  prepare,
  settleTraces,
  type SetupData,
} from './lib/checkout.ts';
import { disableFault, enableFault, type FaultRun } from './lib/faults.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'n-plus-one';
const FAULT = 'n-plus-one';
const RATE = envNumber('RATE', 5);
const LINES = Math.max(1, envNumber('LINES', 7));
const OFF_SECONDS = Math.max(5, envNumber('OFF_SECONDS', 20));

/** Share of fault=on orders slower than the p95 / the median of the fault=off orders. */
const overOffP95 = new Rate('order_over_off_p95');
const overOffMedian = new Rate('order_over_off_median');

interface Reference {
  count: number;
  medianMs: number;
  p95Ms: number;
}

interface Data extends SetupData {
  fault: FaultRun;
  off: Reference;
}

export const options: Options = {
  // setup() runs the fault=off phase: OFF_SECONDS of orders.
  setupTimeout: `${Math.ceil(OFF_SECONDS * 2 + 60)}s`,
  scenarios: {
    'n-plus-one': {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: envString('DURATION', '1m'),
      preAllocatedVUs: Math.max(5, Math.ceil(RATE * 2)),
      maxVUs: Math.max(20, Math.ceil(RATE * 10)),
      tags: { fault: 'on' },
    },
  },
  thresholds: {
    // The symptom: with the fault on, POST /orders got slower than it was without it: p95...
    order_over_off_p95: ['rate>0.1'],
    // ...and median...
    order_over_off_median: ['rate>0.5'],
    // ...while orders still succeed (a few may hit inventory's 2 s deadline in a lock queue).
    'order_failed{fault:on}': ['rate<0.05'],
    trace_id_missing: ['rate==0'],
    // Always true: only here so the summary shows both phases.
    'order_duration{fault:off}': ['max>=0'],
    'order_duration{fault:on}': ['max>=0'],
  },
  summaryTrendStats: TREND_STATS,
};

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The fault=off phase: orders one at a time at RATE, their latency kept. */
function measureWithoutFault(data: SetupData): Reference {
  const durations: number[] = [];
  const total = Math.max(20, Math.round(OFF_SECONDS * RATE));
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) sleep(wait / 1000);
    const order = placeOrder(SCENARIO, data, { fault: 'off' }, LINES);
    if (order.ok) durations.push(order.durationMs);
  }
  durations.sort((a, b) => a - b);
  return { count: durations.length, medianMs: percentile(durations, 50), p95Ms: percentile(durations, 95) };
}

export function setup(): Data {
  const data = prepare(SCENARIO);
  const off = measureWithoutFault(data);
  if (off.count < 10) throw new Error(`only ${off.count} orders succeeded with the fault off: is the stack healthy?`);
  console.info(
    `fault off, ${off.count} orders of ${Math.min(LINES, data.skus.length)} lines: ` +
      `median ${off.medianMs.toFixed(1)} ms, p95 ${off.p95Ms.toFixed(1)} ms`,
  );
  return { ...data, off, fault: enableFault(FAULT) };
}

export default function (data: Data): void {
  const order = placeOrder(SCENARIO, data, { fault: 'on' }, LINES);
  if (!order.ok) return;
  overOffP95.add(order.durationMs > data.off.p95Ms);
  overOffMedian.add(order.durationMs > data.off.medianMs);
}

export function teardown(data: Data): void {
  disableFault(data.fault);
  settleTraces();
}

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description:
    `${LINES}-line orders at ${RATE}/s, first ${OFF_SECONDS} s with fault "${FAULT}" off, then on; ` +
    `passes when POST /orders got slower (p95 and median) with the fault on`,
  compare: { label: 'fault off -> on', before: 'order_duration{fault:off}', after: 'order_duration{fault:on}' },
  lookFor: [
    'inventory.reserve in a fault=on trace: BEGIN, then pg.query:UPDATE / pg.query:INSERT once per SKU (14), COMMIT, where a fault=off trace has one of each',
    'shop.order.item_count on inventory.reserve, and shop.fault.name=n-plus-one',
    'the slowest traces: a first UPDATE that waits (row lock held by another order\'s transaction); each round trip is cheap, their sum and the locks held meanwhile are not',
    'Monitor tab -> inventory: its pg.query call rate ~4x (16 instead of 4 per order) while the order rate stays the same',
  ],
});
