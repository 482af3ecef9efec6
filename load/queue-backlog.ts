/**
 * queue-backlog: the asynchronous part falls behind while the synchronous part looks perfect.
 * setup() switches the `queue-backlog` fault on (the notification worker takes DELAY_MS more per
 * message, 400 ms, and only PREFETCH = 1 message at a time), teardown() switches it off.
 *
 * The order service answers as soon as the order is stored and `order.confirmed` is published to
 * RabbitMQ; the confirmation e-mail is sent later by notification. With the fault on, notification
 * handles about PREFETCH x 1000 / (25 + DELAY_MS) = ~2.4 messages/s while RATE (5) orders/s
 * arrive: the queue grows by ~2.6 messages every second and each e-mail is later than the last
 * (after a minute: ~150 messages queued, the newest e-mail a minute late).
 *
 * The thresholds assert both sides of that symptom:
 *   - the HTTP side stays fast and healthy: order p95 < P95_MS (500, as baseline), < 1 % failures;
 *   - the lag: each VU reads back some of its own orders LAG_CHECK_S (5 s) after placing them;
 *     notification_pending (GET /orders/:id says notification.sent = false) > 50 %. Healthy, the
 *     e-mail is recorded within ~100 ms, so this is ~0 %.
 * The lag itself is in the traces: the `process order.confirmed` span of notification starts
 * seconds after order's `publish orders` span (attribute shop.queue.wait_ms), so the
 * TRACE lasts far longer than the HTTP request. The summary therefore ranks this run's traces by
 * their whole duration, not by the gateway's latency.
 *
 *   pnpm load queue-backlog                (RATE=5/s, DURATION=1m, DELAY_MS=400, PREFETCH=1, P95_MS=500)
 *
 * RATE must exceed the worker's capacity, or nothing queues. teardown() switches the fault off,
 * so the backlog drains at normal speed (16 at a time) within seconds.
 */
import type { Options } from 'k6/options';
import { TREND_STATS, placeOrder, prepare, readOrder, settleTraces, type SetupData } from './lib/checkout.ts';
import { envCount, envMs, envNumber } from './lib/env.ts';
import { SampledRate, constantRate, rateThresholds } from './lib/options.ts';
import { disableFault, enableFault, type FaultRun } from './lib/faults.ts';
import { tracelabSummary } from './lib/summary.ts';

const SCENARIO = 'queue-backlog';
const FAULT = 'queue-backlog';
const RATE = envNumber('RATE', 5, { above: 0, unit: 'orders per second' });
const DELAY_MS = envNumber('DELAY_MS', 400, { max: 10000, unit: 'milliseconds' });
const PREFETCH = envCount('PREFETCH', 1, 1, 100);
const P95_MS = envMs('P95_MS', 500);
const LAG_CHECK_S = envNumber('LAG_CHECK_S', 5, { max: 600, unit: 'seconds' });
/** notification's own time per e-mail (NOTIFY_LATENCY_MS). */
const SEND_MS = 25;
const CAPACITY_PER_S = (PREFETCH * 1000) / (SEND_MS + DELAY_MS);

/** Share of confirmed orders read back LAG_CHECK_S after placing whose e-mail is not recorded yet. */
const notificationPending = new SampledRate('notification_pending');

interface Data extends SetupData {
  fault: FaultRun;
}

export const options: Options = {
  scenarios: {
    'queue-backlog': constantRate(RATE, { pre: [5, 2], max: [20, 10] }),
  },
  thresholds: {
    // The symptom's first half: the HTTP side sees nothing wrong...
    order_duration: [`p(95)<${P95_MS}`],
    order_failed: ['rate<0.01'],
    // ...the second half: the e-mails fall behind (their lag is in the traces).
    // (With its no-data guard: k6 passes a Rate threshold whose metric never got a sample.)
    ...rateThresholds('notification_pending', 'rate>0.5'),
    trace_id_missing: ['rate==0'],
  },
  summaryTrendStats: TREND_STATS,
};

export function setup(): Data {
  const data = prepare(SCENARIO);
  const fault = enableFault(FAULT, { delayMs: DELAY_MS, prefetch: PREFETCH });
  const growth = RATE - CAPACITY_PER_S;
  console.info(
    `notification now handles ~${CAPACITY_PER_S.toFixed(1)} messages/s for ${RATE} orders/s: ` +
      (growth > 0
        ? `the queue should grow by ~${growth.toFixed(1)} messages/s`
        : `no backlog expected (raise RATE above ${CAPACITY_PER_S.toFixed(1)})`),
  );
  return { ...data, fault };
}

// This VU's confirmed orders, oldest first, waiting to be read back (VUs share no state).
const placed: { orderId: string; at: number }[] = [];

export default function (data: Data): void {
  const order = placeOrder(SCENARIO, data);
  if (order.ok && order.orderId !== null) placed.push({ orderId: order.orderId, at: Date.now() });
  // Read back this VU's oldest order once it is LAG_CHECK_S old: "is its e-mail out by now?".
  // Orders that waited much longer than that for their turn are skipped, so every read asks
  // about the same age.
  const now = Date.now();
  while (placed.length > 0 && now - placed[0]!.at > (LAG_CHECK_S + 5) * 1000) placed.shift();
  const oldest = placed[0];
  if (oldest === undefined || now - oldest.at < LAG_CHECK_S * 1000) return;
  placed.shift();
  const view = readOrder(SCENARIO, oldest.orderId);
  const notification = view?.notification;
  if (notification === null || typeof notification !== 'object' || Array.isArray(notification)) return;
  notificationPending.add(notification.sent !== true);
}

export function teardown(data: Data): void {
  disableFault(data.fault);
  settleTraces();
}

export const handleSummary = tracelabSummary({
  scenario: SCENARIO,
  description:
    `fault "${FAULT}" on (delayMs ${DELAY_MS}, prefetch ${PREFETCH}), ${RATE} orders/s; passes when order p95 < ${P95_MS} ms ` +
    `while most e-mails are still queued ${LAG_CHECK_S} s after their order (the symptom is there)`,
  // The HTTP side is fast on purpose: rank by the whole trace, which includes the time in the queue.
  rankByWholeTrace: true,
  lookFor: [
    'a slow trace whose gateway span is short: the gap between order\'s "publish orders" span and notification\'s "process order.confirmed" is the time in the queue',
    'the consumer span\'s shop.queue.wait_ms attribute: it grows trace after trace (compare an early and a late order)',
    'the notification.send span itself: delayMs longer than usual, one at a time (no overlap between traces)',
    'RabbitMQ management (http://localhost:15672, Queues): the notification queue\'s Ready count climbing; Monitor tab: notification\'s process rate flat at ~2.4/s while orders arrive at 5/s',
  ],
});
