import { readFileSync } from 'node:fs';
import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { analyze, DEFAULT_JAEGER_URL, type DoctorReport, getTrace } from '@tracelab/trace-doctor';
import { admin, type AdminTarget } from '../admin-client';
import { checkCollectorConfig, modifiedAt, readPipelineLabState, shownPath } from './collector-config';
import { type CollectorCounts, collectorMetricsUrl, readCollectorCounts } from './collector-metrics';
import { decisionWaitMs } from './pipeline-labs';
import { readUntilQuiet } from './read-until-quiet';
import { acceptedRange, MIN_JUDGED, ORDINARY_ORDERS, SAMPLING_BAND } from './sampling-bound';
import { DECLINED_CARD, placeMany, placeOrder, type PlacedOrder } from './shop-orders';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jaegerUrl = () => process.env.JAEGER_URL || DEFAULT_JAEGER_URL;
const say = (message: string) => console.log(message);

/** What a pipeline lab's check found: problems (none = passed), and the figures it measured. */
export interface PipelineVerdict {
  problems: string[];
  report?: DoctorReport;
}

/** Why a check cannot judge at all: one line for the learner. */
export class NotReady extends Error {}

/**
 * Before a pipeline lab's check places any order: the lab was started, the learner's file loads
 * (else the Collector's own error line), the shop and the Collector answer, and the Collector runs
 * the file as last saved. Returns the file and the Collector's counts at the start.
 */
export async function preflight(root: string, lab: string, target: AdminTarget): Promise<{ file: string; config: string; before: CollectorCounts } | { refused: string; file: string }> {
  const state = readPipelineLabState(root);
  if (state?.lab !== lab) throw new NotReady(`${lab} is not started: pnpm lab workshop start ${lab}`);
  const { file } = state;
  const validation = checkCollectorConfig(root, file);
  if (validation.loads === false) return { refused: validation.error, file };
  const healthy = await fetch(`${target.gatewayUrl}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
  if (!healthy) throw new NotReady(`the shop does not answer at ${target.gatewayUrl}: start the stack (pnpm start:local, or docker compose up -d) or set GATEWAY_URL`);
  let before: CollectorCounts | undefined;
  // The Collector must run the file as saved: started after its last change (local mode reloads it
  // within a second or two of the save; compose needs `docker compose restart otel-collector`).
  for (const deadline = Date.now() + 15_000; ; await sleep(500)) {
    before = await readCollectorCounts().catch(() => undefined);
    const loaded = before && Date.now() - before.uptimeSeconds * 1000 > modifiedAt(file) - 1000;
    if (loaded || Date.now() > deadline) break;
  }
  if (!before) {
    throw new NotReady(
      `the Collector does not answer at ${collectorMetricsUrl()}: in compose, docker compose logs otel-collector says why (a configuration it refused?); pnpm lab workshop reset restores the shipped one`,
    );
  }
  if (Date.now() - before.uptimeSeconds * 1000 <= modifiedAt(file) - 1000) {
    throw new NotReady(`the Collector still runs the configuration from before your last change to ${shownPath(root, file)}: reload it (docker compose restart otel-collector; pnpm start:local reloads on save)`);
  }
  return { file, config: readFileSync(file, 'utf8'), before };
}

/** The spans Jaeger holds for each trace id (none: not kept), read 10 at a time. */
async function readKept(traceIds: string[]): Promise<Map<string, ReceivedSpan[]>> {
  const kept = new Map<string, ReceivedSpan[]>();
  for (let i = 0; i < traceIds.length; i += 10) {
    const batch = traceIds.slice(i, i + 10);
    const spans = await Promise.all(batch.map((id) => getTrace(jaegerUrl(), id)));
    batch.forEach((id, j) => kept.set(id, spans[j]!));
  }
  return kept;
}

/** Until the Collector has taken no new span for `quietMs`: the shop's work for the orders is done. */
async function untilQuiet(quietMs = 1500, capMs = 30_000): Promise<void> {
  let last = -1;
  let since = Date.now();
  for (const deadline = Date.now() + capMs; Date.now() < deadline; await sleep(250)) {
    const accepted = (await readCollectorCounts().catch(() => undefined))?.accepted ?? last;
    if (accepted !== last) [last, since] = [accepted, Date.now()];
    else if (Date.now() - since >= quietMs) return;
  }
}

const SLOW_ORDERS = 5;
const DECLINED_ORDERS = 10;
/** The e-mail worker's delay for the slow orders: their traces last over 1.5 s, well over 1 s. */
const SLOW_DELAY_MS = 1500;

const SLOW_MS = 1000;

/** From the trace's first span start to its last span end. */
function traceMs(spans: ReceivedSpan[]): number {
  if (spans.length === 0) return 0;
  const start = spans.reduce((min, s) => (s.startTimeUnixNano < min ? s.startTimeUnixNano : min), spans[0]!.startTimeUnixNano);
  const end = spans.reduce((max, s) => (s.endTimeUnixNano > max ? s.endTimeUnixNano : max), spans[0]!.endTimeUnixNano);
  return Number(end - start) / 1e6;
}

const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '-');

/**
 * the-bill-or-the-bug: places ORDINARY_ORDERS ordinary orders, 10 declined ones (errors) and 5 slow
 * ones (queue-backlog makes the e-mail worker take 1.5 s), waits the decision time, and asks Jaeger
 * which traces it kept. Passes when every error and every slow trace is kept and the ordinary
 * share is within acceptedRange (sampling-bound.ts).
 */
export async function checkSampling(target: AdminTarget, scenario: string, config: string, before: CollectorCounts): Promise<PipelineVerdict> {
  const gateway = target.gatewayUrl;
  say(`placing ${ORDINARY_ORDERS} ordinary orders, ${DECLINED_ORDERS} declined and ${SLOW_ORDERS} slow ones (about a minute)`);
  const ordinary = await placeMany(ORDINARY_ORDERS, 5, (index) => placeOrder(gateway, { index, scenario }));
  const declined = await placeMany(DECLINED_ORDERS, 5, (index) => placeOrder(gateway, { index, scenario, card: DECLINED_CARD }));
  // Every e-mail sent before the worker slows down, or ordinary traces would become slow ones.
  await untilQuiet();
  const slow: PlacedOrder[] = [];
  await admin(target, 'POST', '/admin/faults/queue-backlog', { enabled: true, params: { delayMs: SLOW_DELAY_MS, prefetch: 1 } });
  try {
    await sleep(1000);
    // One at a time: each trace is complete (its slow e-mail in) long before its decision.
    for (let i = 0; i < SLOW_ORDERS; i++) {
      slow.push(await placeOrder(gateway, { index: 1000 + i, scenario }));
      await sleep(SLOW_DELAY_MS + 500);
    }
  } finally {
    await admin(target, 'POST', '/admin/faults/queue-backlog', { enabled: false });
  }
  const placedAt = Date.now();
  const wait = decisionWaitMs(config);
  say(`waiting for the Collector's decisions (decision_wait ${wait / 1000} s) and reading Jaeger`);
  // Errors and slow traces: read until all are in or well past the decision time.
  const mustKeep = [...declined, ...slow].map((o) => o.traceId);
  for (const deadline = placedAt + wait + 15_000; Date.now() < deadline; await sleep(1000)) {
    if ([...(await readKept(mustKeep)).values()].every((spans) => spans.length > 0)) break;
  }
  // Ordinary traces: all decided long ago (placed before the slow ones), give the export a moment.
  await sleep(Math.max(0, placedAt + wait + 3000 - Date.now()));
  const kept = await readKept([...ordinary, ...declined, ...slow].map((o) => o.traceId));
  const after = await readCollectorCounts();
  const isKept = (o: PlacedOrder) => (kept.get(o.traceId)?.length ?? 0) > 0;

  const problems: string[] = [];
  const failedOrdinary = ordinary.filter((o) => o.status !== 201);
  if (failedOrdinary.length > 0) say(`note: ${failedOrdinary.length} ordinary orders did not succeed (status ${[...new Set(failedOrdinary.map((o) => o.status))].join(', ')}): not counted`);
  const succeeded = ordinary.filter((o) => o.status === 201);
  // An ordinary order that a busy machine made slower than 1 s is kept by the latency policy
  // whatever the share: it is left out of the share's count (sampling-bound.ts).
  const slowOnThisMachine = succeeded.filter((o) => traceMs(kept.get(o.traceId) ?? []) >= SLOW_MS);
  const counted = succeeded.filter((o) => !slowOnThisMachine.includes(o));
  const keptOrdinary = counted.filter(isKept).length;
  const keptDeclined = declined.filter(isKept).length;
  const keptSlow = slow.filter(isKept).length;
  const range = acceptedRange(counted.length);
  say('');
  say(`kept in Jaeger:  errors (declined) ${keptDeclined}/${declined.length}   slow (over 1 s) ${keptSlow}/${slow.length}   ordinary ${keptOrdinary}/${counted.length} (${percent(keptOrdinary, counted.length)})`);
  if (slowOnThisMachine.length > 0) say(`                 (${slowOnThisMachine.length} more ordinary orders took over 1 s on this machine: kept as slow, not counted in the share)`);
  const spansIn = after.accepted - before.accepted;
  const spansOut = after.sentToJaeger - before.sentToJaeger;
  if (spansIn > 0 && spansOut >= 0) {
    say(`span volume:     ${spansIn} spans in, ${spansOut} out to Jaeger: ${percent(spansIn - spansOut, spansIn)} of the volume not stored`);
  } else {
    say('span volume:     unknown (the Collector restarted during the check)');
  }
  if (declined.some((o) => o.status !== 402)) problems.push(`the declined orders did not fail as planned (status ${declined.map((o) => o.status).join(', ')}): is a fault switched on?`);
  if (keptDeclined < declined.length) problems.push(`lost ${declined.length - keptDeclined} of ${declined.length} traces with an error (declined payments): keep every error`);
  if (keptSlow < slow.length) problems.push(`lost ${slow.length - keptSlow} of ${slow.length} slow traces (over 1 s): keep every trace slower than 1 s`);
  if (counted.length < MIN_JUDGED) {
    problems.push(`only ${counted.length} ordinary orders were fast enough to judge the share (${MIN_JUDGED} needed): run the check again on a quieter machine`);
  } else if (keptOrdinary < range.min || keptOrdinary > range.max) {
    problems.push(
      `kept ${keptOrdinary} of ${counted.length} ordinary traces (${percent(keptOrdinary, counted.length)}): a setup keeping ${SAMPLING_BAND.low * 100}-${SAMPLING_BAND.high * 100} % keeps ${range.min}-${range.max} of ${counted.length} (all but 1 in 10,000 times)`,
    );
  }
  return { problems };
}

const CONSUMER = 5;

/**
 * the-silent-collector: five ordinary orders; each one's trace must be in Jaeger whole, the
 * RabbitMQ consumer's span included, and the doctor must find nothing missing.
 */
export async function checkWholeTraces(target: AdminTarget, scenario: string, config: string): Promise<PipelineVerdict> {
  say('placing 5 orders and reading their traces from Jaeger');
  const orders = await placeMany(5, 1, (index) => placeOrder(target.gatewayUrl, { index, scenario }));
  await sleep(decisionWaitMs(config));
  const spans = await readUntilQuiet(async () => [...(await readKept(orders.map((o) => o.traceId))).values()].flat(), { intervalMs: 500 });
  const report = analyze(spans);
  const problems = report.findings.filter((f) => f.kind !== 'link').map((f) => f.hop ?? f.message);
  const traceOf = (order: PlacedOrder) => spans.filter((s) => s.traceId === order.traceId);
  const failed = orders.filter((o) => o.status !== 201);
  const absent = orders.filter((o) => o.status === 201 && traceOf(o).length === 0);
  const noConsumer = orders.filter((o) => o.status === 201 && traceOf(o).length > 0 && !traceOf(o).some((s) => s.service === 'notification' && s.kind === CONSUMER));
  if (failed.length > 0) problems.push(`${failed.length} of ${orders.length} orders failed (status ${failed.map((o) => o.status).join(', ')})`);
  if (absent.length > 0) problems.push(`${absent.length} of ${orders.length} traces are not in Jaeger at all (this lab wants every trace kept: SAMPLING_PERCENTAGE=100)`);
  if (noConsumer.length > 0) {
    problems.push(`${noConsumer.length} of ${orders.length} traces have no span of notification taking the order's message off the queue (e.g. trace ${noConsumer[0]!.traceId})`);
  }
  return { problems: [...new Set(problems)], report };
}
