import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { queryVictoriaLogs, readTraceLogs, type TraceLogLine } from '@tracelab/trace-doctor';
import { resetFaults, setFault } from '../support/faults';
import { lab } from '../support/lab-cli';
import { call, DECLINED_CARD, orderBody, placeOrder } from '../support/shop';
import { eventually, sleep } from '../support/wait';
import { orderDone, paymentFailedDone, SIX_SERVICES } from '../support/whole-trace';
import { setVictoriaLogsRunning } from './support/collector-control';
import { jaegerUrl, waitForJaegerTrace } from './support/jaeger';

/** VictoriaLogs of the pipeline tier (set by its global setup). */
const victoriaLogsUrl = () => process.env.TRACELAB_VICTORIALOGS_URL!;
const linesOf = (traceId: string) => readTraceLogs(traceId, { victoriaLogsUrl: victoriaLogsUrl() });
const services = (lines: TraceLogLine[]) => new Set(lines.map((line) => line.service));
const hasSixServices = (lines: TraceLogLine[]) => SIX_SERVICES.every((service) => services(lines).has(service));

/** The trace's log lines once `complete` holds for them, read as a user reads them. */
const waitForLines = (traceId: string, complete: (lines: TraceLogLine[]) => boolean, timeoutMs: number) =>
  eventually(`log lines of trace ${traceId} in VictoriaLogs`, async () => {
    const lines = await linesOf(traceId);
    return complete(lines) ? lines : undefined;
  }, timeoutMs, 250);

/** The hardening suite's card numbers (digits only), sent below in the forms it uses. */
const FORMS = ['5105105105105100', '4012888888881881', '3530111333300000', '5454545454545454', '6304000000000000', '4111111111111111', '371449635398431', '6011111111111117'];
const BAGGAGE = 'shop.note=card5105105105105100,shop.cc=cc_4012888888881881,shop.jcb=3530.1113.3330.0000,shop.5454545454545454=1';

describe("every service's log lines beside the trace, in the real VictoriaLogs", () => {
  it("an order's lines from all six services arrive within 10 s, with the order's trace id and span ids that are spans of it in Jaeger", async () => {
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    const lines = await waitForLines(answer.traceId, hasSixServices, 10_000);
    const spans = await waitForJaegerTrace(answer.traceId, orderDone);
    const spanIds = new Set(spans.map((span) => span.spanId));
    for (const line of lines) {
      expect({ message: line.message, traceId: line.traceId }).toEqual({ message: line.message, traceId: answer.traceId });
      expect({ message: line.message, service: line.service, spanInTrace: spanIds.has(line.spanId) }).toEqual({ message: line.message, service: line.service, spanInTrace: true });
    }
    // Each line's span is one of its own service's spans.
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    for (const line of lines) expect({ line: line.message, spanService: byId.get(line.spanId)!.service }).toEqual({ line: line.message, spanService: line.service });
    expect(lines.find((line) => line.service === 'gateway' && line.message === 'request completed')?.attributes['res.statusCode']).toBe('201');
  }, 60_000);

  it("a declined card's error line sits under payment's span", async () => {
    const answer = await placeOrder(orderBody({ card: { number: DECLINED_CARD, expMonth: 12, expYear: 2030, cvc: '123' } }));
    expect(answer.status).toBe(402);
    const lines = await waitForLines(answer.traceId, (found) => found.some((line) => line.service === 'payment' && line.severity === 'error'), 10_000);
    const spans = await waitForJaegerTrace(answer.traceId, paymentFailedDone);
    const failed = lines.find((line) => line.service === 'payment' && line.severity === 'error')!;
    expect(failed.message).toBe('payment failed: card declined by issuer');
    const span = spans.find((s) => s.spanId === failed.spanId);
    expect(span).toMatchObject({ service: 'payment', name: 'payment.charge' });
    expect(JSON.stringify(lines)).not.toContain(DECLINED_CARD);
  }, 60_000);

  it("the slow-query fault's risk lookup is in fraud-detection's line, under the span of its gRPC call, with the query's time", async () => {
    await setFault('slow-query', true);
    try {
      const answer = await placeOrder(orderBody());
      expect(answer.status).toBe(201);
      const spans = await waitForJaegerTrace(answer.traceId, orderDone);
      const lines = await waitForLines(answer.traceId, hasSixServices, 10_000);
      const fraud = lines.find((line) => line.service === 'fraud-detection')!;
      const query = spans.find((span) => span.service === 'fraud-detection' && span.name.startsWith('pg.query:SELECT'))!;
      // Written inside a span the query's span descends from (the gRPC call's).
      const byId = new Map(spans.map((span) => [span.spanId, span]));
      const ancestors: string[] = [];
      for (let at = byId.get(query.parentSpanId ?? ''); at; at = byId.get(at.parentSpanId ?? '')) ancestors.push(at.spanId);
      expect(ancestors).toContain(fraud.spanId);
      expect(byId.get(fraud.spanId)!.service).toBe('fraud-detection');
      const durationMs = Number(fraud.attributes.durationMs);
      expect(durationMs).toBeGreaterThanOrEqual(Math.floor(query.durationMs) - 1);
      expect(fraud.message).toBe(durationMs >= 100 ? `slow risk lookup: ${durationMs} ms` : 'risk scored');
      if (durationMs >= 100) expect(fraud).toMatchObject({ severity: 'warn', attributes: { query: 'SELECT risk_score FROM customer_risk WHERE customer_id = $1' } });
    } finally {
      await resetFaults();
    }
  }, 120_000);

  it('stores no card number in any form the hardening suite sends', async () => {
    const answers = [
      await placeOrder(orderBody(), { baggage: BAGGAGE }),
      await placeOrder(orderBody({ card: { number: '6011111111111117', expMonth: 13, expYear: 2030, cvc: '123' } }), { baggage: BAGGAGE }),
      await call('POST', '/orders', '6304000000000000x'),
      await call('GET', '/orders/4111111111111111'),
      await call('GET', '/products?card=371449635398431', undefined, { baggage: BAGGAGE }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 400, 400, 400, 200]);
    // The gateway's line of each request is its last: once all are stored, so is everything before.
    // (The body that is not JSON is refused before the request logger sees it: no line to wait for.)
    for (const answer of [answers[0]!, answers[1]!, answers[3]!, answers[4]!]) {
      await waitForLines(answer.traceId, (lines) => lines.some((line) => line.service === 'gateway'), 15_000);
    }
    const masked = await linesOf(answers[3]!.traceId);
    expect(masked.find((line) => line.service === 'gateway')?.attributes['req.url']).toBe('/orders/[card ****1111]');
    // Every record VictoriaLogs holds, all fields: none carries a card number, separated or not.
    const stored = JSON.stringify(await queryVictoriaLogs(victoriaLogsUrl(), '_time:1h', 100_000));
    expect(stored.length).toBeGreaterThan(1000);
    for (const form of [...FORMS, '3530.1113.3330.0000']) expect({ form, found: stored.includes(form) }).toEqual({ form, found: false });
    // The masked forms are there instead: the lines were stored, not dropped.
    expect(stored).toContain('/orders/[card ****1111]');
  }, 120_000);

  it("the Jaeger UI's link for a trace, followed, returns exactly that trace's lines", async () => {
    const [answer, other] = await Promise.all([placeOrder(orderBody()), placeOrder(orderBody({ customerId: 'cust-0043' }))]);
    expect([answer.status, other.status]).toEqual([201, 201]);
    const spans = await waitForJaegerTrace(answer.traceId, orderDone);
    const lines = await waitForLines(answer.traceId, hasSixServices, 10_000);
    await waitForLines(other.traceId, hasSixServices, 10_000);
    // The configuration Jaeger really serves: its page carries the UI config file, run as the UI runs it.
    const page = await (await fetch(jaegerUrl())).text();
    const source = readFileSync(process.env.TRACELAB_JAEGER_UI_CONFIG!, 'utf8').trim();
    expect(page).toContain(source);
    const config = runInNewContext(`${source}\nUIConfig()`) as { linkPatterns: { type: string | string[]; url: { parameters: string[]; template: (values: Record<string, unknown>) => string } }[] };
    const traceLink = config.linkPatterns.find((pattern) => pattern.type === 'traces')!;
    expect(traceLink.url.parameters).toEqual(['traceID', 'startTime', 'endTime']);
    const url = new URL(traceLink.url.template(traceTimes(answer.traceId, spans)));
    expect(`${url.origin}${url.pathname}`).toBe(`${victoriaLogsUrl()}/select/vmui/`);
    expect((await fetch(url)).status).toBe(200);
    const query = new URLSearchParams(url.hash.replace(/^#\/\?/, '')).get('query')!;
    const followed = await queryVictoriaLogs(victoriaLogsUrl(), query);
    expect(followed.map(lineKey).sort()).toEqual(lines.map(lineKey).sort());
    expect(followed.every((line) => line.traceId === answer.traceId)).toBe(true);
  }, 90_000);

  it('`pnpm lab doctor --trace <id>` prints the log lines under the waterfall, and refuses a trace id that is not 32 hex digits', async () => {
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    await waitForJaegerTrace(answer.traceId, orderDone);
    await waitForLines(answer.traceId, hasSixServices, 10_000);
    const result = await lab(['doctor', '--trace', answer.traceId, '--jaeger-url', jaegerUrl(), '--logs-url', victoriaLogsUrl()], 60_000);
    expect(result.status).toBe(0);
    const logs = result.output.slice(result.output.indexOf(`log lines of trace ${answer.traceId}`));
    expect(logs).toMatch(/^log lines of trace [0-9a-f]{32} {2}\d+ from VictoriaLogs at /);
    for (const service of SIX_SERVICES) expect(logs).toContain(service);
    expect(logs).toMatch(/INFO +gateway +request completed {2}span [0-9a-f]{16} \(gateway POST \/orders\)/);
    expect(logs).toContain(`the trace: ${jaegerUrl()}/trace/${answer.traceId}`);
    for (const bad of ['abc', `${answer.traceId}0`, `${answer.traceId.slice(0, 31)}z`, '0'.repeat(32)]) {
      const refused = await lab(['doctor', '--trace', bad, '--jaeger-url', jaegerUrl(), '--logs-url', victoriaLogsUrl()], 30_000);
      expect({ bad, status: refused.status }).toEqual({ bad, status: 2 });
      expect(refused.output).toContain('--trace: a trace id is 32 hex digits');
    }
  }, 90_000);

  it('VictoriaLogs stopped for 20 s under load: every order still succeeds, and once it is back every order has its lines', async () => {
    const answers: { status: number; traceId: string }[] = [];
    const load = (async () => {
      for (let i = 0; i < 60; i += 1) {
        answers.push(await placeOrder(orderBody({ customerId: `cust-${String(200 + (i % 50)).padStart(4, '0')}` })));
        await sleep(400);
      }
    })();
    await sleep(3_000);
    await setVictoriaLogsRunning(false);
    try {
      await sleep(20_000);
    } finally {
      await setVictoriaLogsRunning(true);
    }
    await load;
    expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
    // The collector retries for up to 60 s: everything held during the outage arrives.
    for (const answer of answers) await waitForLines(answer.traceId, hasSixServices, 70_000);
  }, 240_000);
});

/** What Jaeger's UI passes a trace link: the trace id and its first start and last end, in µs. */
function traceTimes(traceId: string, spans: ReceivedSpan[]) {
  const micros = (ns: bigint) => Number(ns / 1000n);
  return {
    traceID: traceId,
    startTime: Math.min(...spans.map((span) => micros(span.startTimeUnixNano))),
    endTime: Math.max(...spans.map((span) => micros(span.endTimeUnixNano))),
  };
}

const lineKey = (line: TraceLogLine) => `${line.time} ${line.service} ${line.spanId} ${line.message}`;
