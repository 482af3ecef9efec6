/**
 * n-plus-one: the ORM-loop shape. With the `n-plus-one` fault on, inventory reserves an order with
 * two queries PER LINE (UPDATE products ..., INSERT INTO reservations ...) inside a transaction,
 * instead of one statement for the whole order. Orders here carry LINES (7) different SKUs, the
 * whole plentiful catalogue: 16 round trips to Postgres instead of 1 (BEGIN and COMMIT included), and the product rows stay locked longer, so concurrent orders
 * queue behind each other.
 *
 * The cost per order is small (a few ms on a fast machine, more where Postgres is a container hop
 * away), so an absolute threshold would only describe one machine, and comparing a fault-off
 * phase with a later fault-on phase mostly measures whatever else the machine did meanwhile. This
 * run therefore compares within itself, interleaved:
 *   - the `switch` scenario flips the fault every WINDOW_S (10 s): off, on, off, on, ... (WINDOWS, 12);
 *   - the `orders` scenario places orders at RATE throughout, tagged fault=off / fault=on by the
 *     window they were sent in (fault=switching for the first 1.5 s of a window, while the
 *     services pick the switch up);
 *   - each VU keeps its last 9 fault=off latencies, and records for each fault=on order whether it
 *     was slower than their median (order_over_off_median).
 * If the fault changed nothing, that would happen to half of the fault=on orders. The thresholds:
 *   - order_over_off_median > 55 %: POST /orders got slower with the fault on;
 *   - fewer than 5 % failed orders: on a busy machine the longer transactions can queue on the
 *     product row locks past order's 2 s inventory deadline (503 "inventory unavailable").
 * The summary prints the fault=off and fault=on percentiles side by side, p95 included. The p95 is
 * not asserted: a few milliseconds per order are within its noise. Measured on a busy 2-CPU
 * machine, the fault-on p95 came out between 28 % lower and 270 % higher than the fault-off p95,
 * while the median rose in every run (+7 % to +86 %; order_over_off_median 59-89 %).
 *
 *   pnpm load n-plus-one                   (RATE=5/s, LINES=7, WINDOW_S=10, WINDOWS=12: 2 min)
 *
 * setup() takes the switch (off, its params stored as found) and teardown() leaves it off with
 * those params: the pattern of the other fault scenarios, except that the fault is on only in
 * every other window.
 */
import { sleep } from 'k6';
import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { TREND_STATS, placeOrder, prepare, settleTraces, type SetupData } from './lib/checkout.ts';
import { envCount, envNumber } from './lib/env.ts';
import { SampledRate, constantRate, rateThresholds } from './lib/options.ts';
import { disableFault, setFault, takeFault, type FaultRun } from './lib/faults.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'n-plus-one';
const FAULT = 'n-plus-one';
const RATE = envNumber('RATE', 5, { above: 0, unit: 'orders per second' });
const LINES = envCount('LINES', 7);
// At least 5 s: the first 1.5 s of a window are the switch's settling time.
const WINDOW_S = envNumber('WINDOW_S', 10, { min: 5, max: 3600, unit: 'seconds' });
// An even number of windows: as much time with the fault on as off.
const WINDOWS = 2 * Math.round(envCount('WINDOWS', 12, 2, 1000) / 2);
const SETTLE_S = 1.5;
const RUN_S = WINDOW_S * WINDOWS;
/** Fault=off latencies each VU compares with (odd: their median is one of them). */
const REFERENCE = 9;

/** Share of fault=on orders slower than the median of this VU's last 9 fault=off orders. */
const overOffMedian = new SampledRate('order_over_off_median');

interface Data extends SetupData {
  fault: FaultRun;
}

export const options: Options = {
  scenarios: {
    // Few VUs, so that each one soon has fault=off orders to compare with.
    orders: { ...constantRate(RATE, { pre: [2, 0.5], max: [20, 10] }, `${RUN_S}s`), exec: 'orders' },
    switch: {
      executor: 'shared-iterations',
      exec: 'switcher',
      vus: 1,
      iterations: 1,
      maxDuration: `${RUN_S + 30}s`,
    },
  },
  thresholds: {
    // The symptom: with the fault on, POST /orders is slower than with it off...
    // (With its no-data guard: k6 passes a Rate threshold whose metric never got a sample.)
    ...rateThresholds('order_over_off_median', 'rate>0.55'),
    // ...while orders still succeed.
    'order_failed{fault:on}': ['rate<0.05'],
    trace_id_missing: ['rate==0'],
    // Always true: only here so the summary shows both sides.
    'order_duration{fault:off}': ['max>=0'],
    'order_duration{fault:on}': ['max>=0'],
  },
  summaryTrendStats: TREND_STATS,
};

/** off / on / switching, from the time since the scenario started: window 0 is off. */
function phaseAt(elapsedMs: number): string {
  const window = Math.floor(elapsedMs / (WINDOW_S * 1000));
  if (window >= WINDOWS) return 'switching';
  if (elapsedMs - window * WINDOW_S * 1000 < SETTLE_S * 1000) return window === 0 ? 'off' : 'switching';
  return window % 2 === 1 ? 'on' : 'off';
}

export function setup(): Data {
  const data = prepare(SCENARIO);
  console.info(`${Math.min(LINES, data.skus.length)} lines per order; fault off and on in turns of ${WINDOW_S} s, ${WINDOWS} windows`);
  return { ...data, fault: takeFault(FAULT, {}, false) };
}

/** The `switch` scenario: one VU flips the fault at every window boundary. */
export function switcher(): void {
  const started = exec.scenario.startTime;
  for (let window = 1; window < WINDOWS; window++) {
    const wait = started + window * WINDOW_S * 1000 - Date.now();
    if (wait > 0) sleep(wait / 1000);
    const on = window % 2 === 1;
    const result = setFault(FAULT, on);
    if (typeof result === 'string') console.error(`window ${window}: could not switch fault "${FAULT}" ${on ? 'on' : 'off'}: ${result}`);
  }
}

// This VU's last REFERENCE fault=off latencies (VUs share no state).
const offLatencies: number[] = [];

/** The `orders` scenario. */
export function orders(data: Data): void {
  const phase = phaseAt(Date.now() - exec.scenario.startTime);
  const order = placeOrder(SCENARIO, data, { fault: phase }, LINES);
  if (!order.ok) return;
  if (phase === 'off') {
    offLatencies.push(order.durationMs);
    if (offLatencies.length > REFERENCE) offLatencies.shift();
  } else if (phase === 'on' && offLatencies.length === REFERENCE) {
    const sorted = [...offLatencies].sort((a, b) => a - b);
    overOffMedian.add(order.durationMs > sorted[(REFERENCE - 1) / 2]!);
  }
}

export function teardown(data: Data): void {
  disableFault(data.fault);
  settleTraces();
}

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description:
    `${LINES}-line orders at ${RATE}/s, fault "${FAULT}" off and on in turns of ${WINDOW_S} s; ` +
    `passes when POST /orders is slower with the fault on (median; p95 shown)`,
  compare: { label: 'fault off -> on', before: 'order_duration{fault:off}', after: 'order_duration{fault:on}' },
  lookFor: [
    'inventory.reserve in a fault=on trace: BEGIN, then pg.query:UPDATE / pg.query:INSERT once per SKU (14), COMMIT, where a fault=off trace has the one pg.query:inventory-reserve',
    'shop.order.item_count on inventory.reserve, and shop.fault.name=n-plus-one',
    'the slowest traces: a first UPDATE that waits (row lock held by another order\'s transaction); each round trip is cheap, their sum and the locks held meanwhile are not',
    'Monitor tab -> inventory: its pg.query call rate steps up ~16x (16 instead of 1 per order) every other 10 s while the order rate stays the same',
  ],
});
