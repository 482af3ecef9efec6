import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fetchLogs } from '@tracelab/otlp-receiver';
import type { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { toOtlpJson } from '../../packages/trace-doctor/src/testing/otlp-encode';
import { CLIENT, node, SERVER, toSpans } from '../../packages/trace-doctor/src/testing/span-builder';
import { wideTrace } from '../../packages/trace-doctor/src/testing/wide-trace';
import { launchChromium } from '../support/browser';
import { ADMIN_TOKEN, DATABASE_URL, GATEWAY_URL, RECEIVER_URL } from '../support/env';
import { resetFaults, setFault } from '../support/faults';
import { riskQuery, waitForIndex } from '../support/risk-index';
import { DECLINED_CARD, orderBody, placeOrder } from '../support/shop';
import { allSpans, type ReceivedSpan, SpanKind, waitForTrace } from '../support/traces';
import { eventually } from '../support/wait';
import { orderDone, paymentFailedDone, SIX_SERVICES, tracesOfOrder } from '../support/whole-trace';

const ARTEFACTS = join(__dirname, '../../.e2e');
const testId = (id: string) => `[data-testid="${id}"]`;
const newTraceId = () => randomBytes(16).toString('hex');

/** Places an ordinary order and waits until every service's spans of it are in, in whichever trace. */
async function placeAndSettle(): Promise<{ orderId: string; traceId: string; traces: Map<string, ReceivedSpan[]> }> {
  const answer = await placeOrder(orderBody());
  expect(answer.status).toBe(201);
  const orderId = String(answer.body.orderId);
  const traces = await eventually('every service of the order exported', async () => {
    const found = tracesOfOrder(await allSpans(), orderId);
    return orderDone([...found.values()].flat()) ? found : undefined;
  });
  return { orderId, traceId: answer.traceId, traces };
}

/** A log line of test data, straight into the receiver (OTLP/HTTP JSON logs), in a span or outside any. */
async function sendLogLine(service: string, traceId: string, spanId: string, severityText: string, body: string): Promise<void> {
  const record = { timeUnixNano: String(BigInt(Date.now()) * 1_000_000n), severityText, body: { stringValue: body }, traceId, spanId, attributes: [] };
  const response = await fetch(`${RECEIVER_URL}/v1/logs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeLogs: [{ logRecords: [record] }] }] }),
  });
  expect(response.status).toBe(200);
}

/** Spans of test data, straight into the receiver the gateway reads (old timestamps: never a "recent" trace). */
async function sendSpans(spans: ReceivedSpan[]): Promise<void> {
  const response = await fetch(`${RECEIVER_URL}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(toOtlpJson(spans)),
  });
  expect(response.status).toBe(200);
}

describe('the console trace page', () => {
  let browser: Browser;
  let page: Page;

  /** Opens a trace page (the ?token= is stored and dropped from the address) and waits until it has read the trace. */
  async function openTrace(traceId: string): Promise<void> {
    await page.goto(`${GATEWAY_URL}/console/traces/${traceId}?token=${encodeURIComponent(ADMIN_TOKEN)}`);
    await page.waitForSelector(`${testId('trace-status')}[data-kind]:not([data-kind="loading"])`, { state: 'attached' });
  }
  const texts = (selector: string) => page.locator(selector).allTextContents();

  beforeAll(async () => {
    await resetFaults();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    page.setDefaultTimeout(15000);
    mkdirSync(ARTEFACTS, { recursive: true });
  });

  afterAll(async () => {
    await resetFaults();
    await browser?.close();
  });
  afterEach(resetFaults);

  it('answers with server-timing: trace;desc=<traceparent> beside traceresponse, readable by page scripts', async () => {
    const answer = await placeOrder(orderBody());
    const traceResponse = answer.headers.get('traceresponse')!;
    expect(traceResponse).toMatch(new RegExp(`^00-${answer.traceId}-[0-9a-f]{16}-0[01]$`));
    expect(answer.headers.get('server-timing')).toBe(`trace;desc=${traceResponse}`);
    expect(answer.headers.get('timing-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')?.split(/,\s*/)).toEqual(expect.arrayContaining(['server-timing', 'traceresponse', 'x-trace-id']));

    await page.goto(`${GATEWAY_URL}/console`);
    const seen = await page.evaluate(async () => {
      const response = await fetch('/products');
      await response.text();
      const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/products')) as PerformanceResourceTiming;
      return { header: response.headers.get('traceresponse'), timing: entry.serverTiming.map((t) => ({ name: t.name, description: t.description })) };
    });
    expect(seen.timing).toEqual([{ name: 'trace', description: seen.header }]);
  });

  it('shows a whole order: 27 spans across the six services, the verdict WHOLE, the queue wait, the critical path and its log lines', async () => {
    const { traceId } = await placeAndSettle();
    // The gateway's access-log line of the request, written in its server span, exported on its own schedule.
    await eventually("the gateway's log line in the receiver", async () => ((await fetchLogs(RECEIVER_URL, traceId)).some((line) => line.service === 'gateway') ? true : undefined));
    await openTrace(traceId);

    expect(await page.locator(testId('verdict')).textContent()).toBe('WHOLE');
    expect(await page.locator(testId('span-row')).count()).toBe(27);
    expect(new Set(await page.locator(testId('span-row')).evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.service)))).toEqual(new Set(SIX_SERVICES));
    expect(await page.locator(testId('broken-hop')).count()).toBe(0);
    // The RabbitMQ hop: the consumer is the producer's child, with the time the message waited.
    const consumer = page.locator(`${testId('span-row')}[data-kind="consumer"]`);
    expect(await consumer.locator(testId('queue-wait')).textContent()).toMatch(/^queue wait [\d.]+ m?s after /);
    const producerId = await page.locator(`${testId('span-row')}[data-kind="producer"]`).getAttribute('data-span-id');
    expect(await consumer.getAttribute('data-parent-span-id')).toBe(producerId);
    expect(Number(await consumer.getAttribute('data-depth'))).toBeGreaterThan(0);
    // The critical path starts at the gateway's server span and is marked in the waterfall.
    expect((await texts(testId('critical-step')))[0]).toContain('gateway');
    expect(await page.locator(`${testId('span-row')}[data-critical="true"]`).count()).toBe(await page.locator(testId('critical-step')).count());
    expect(await page.locator(testId('logs-state')).getAttribute('data-state')).toBe('read');
    const entry = page.locator(testId('span-row')).first();
    await entry.locator(testId('span-logs-toggle')).first().click();
    expect(await entry.locator(`${testId('span-logs')} ${testId('log-line')}`).first().textContent()).toContain('gateway');
    await page.screenshot({ path: join(ARTEFACTS, 'trace-page-whole.png'), fullPage: true });

    // A click shows the span's attributes and resource.
    await page.locator(`${testId('span-row')}[data-service="payment"][data-kind="server"] .line`).click();
    await page.locator(testId('span-details')).waitFor({ state: 'visible' });
    expect(await page.locator(testId('details-name')).textContent()).toMatch(/Charge$/);
    expect(await page.locator(testId('details-attributes')).textContent()).toContain('rpc.method');

    // Reading traces made none: no span of the gateway's calls to the receiver was exported.
    const readsTraced = (await allSpans()).filter((span) => span.service === 'gateway' && String(span.attributes['url.full'] ?? '').startsWith(RECEIVER_URL));
    expect(readsTraced).toEqual([]);
  });

  it("shows payment's log line of a declined card under payment's span, severity visible, card number masked", async () => {
    const answer = await placeOrder(orderBody({ card: { number: DECLINED_CARD, expMonth: 12, expYear: 2030, cvc: '123' } }));
    expect(answer.status).toBe(402);
    await waitForTrace(answer.traceId, paymentFailedDone);
    // Log records export on their own schedule: wait for payment's line to reach the store.
    await eventually("payment's log line in the receiver", async () => {
      const logs = await fetchLogs(RECEIVER_URL, answer.traceId);
      return logs.some((line) => line.service === 'payment') ? true : undefined;
    });
    await openTrace(answer.traceId);

    const charge = page.locator(`${testId('span-row')}[data-service="payment"]`).filter({ has: page.locator(`${testId('span-name')}:text-is("payment.charge")`) });
    await charge.locator(testId('span-logs-toggle')).click();
    const line = charge.locator(`${testId('span-logs')} ${testId('log-line')}`).filter({ hasText: 'payment failed: card declined by issuer' });
    expect(await line.count()).toBe(1);
    expect(await line.locator('.severity').textContent()).toBe('error');
    expect(await page.locator('main').textContent()).not.toContain(DECLINED_CARD);
  });

  it('missing-header: BROKEN at order → notification over RabbitMQ, with the split-off half linked', async () => {
    await setFault('missing-header', true);
    const { traceId, traces } = await placeAndSettle();
    expect(traces.size).toBe(2);
    const otherHalf = [...traces.keys()].find((id) => id !== traceId)!;
    await openTrace(traceId);

    expect(await page.locator(testId('verdict')).textContent()).toBe('BROKEN');
    expect(await texts(testId('broken-hop'))).toContain('broke at order → notification over RabbitMQ: consumer started a new trace');
    const link = page.locator(testId('other-half'));
    expect(await link.textContent()).toBe(otherHalf);
    expect(await page.locator(`${testId('span-row')}[data-service="notification"]`).count()).toBe(0);
    await page.screenshot({ path: join(ARTEFACTS, 'trace-page-broken.png'), fullPage: true });

    await link.click();
    await page.waitForURL(`**/console/traces/${otherHalf}`);
    await page.waitForSelector(`${testId('trace-status')}[data-kind="hidden"]`, { state: 'attached' });
    expect(await page.locator(testId('verdict')).textContent()).toBe('BROKEN');
    const first = page.locator(testId('span-row')).first();
    expect(await first.getAttribute('data-service')).toBe('notification');
    expect(await first.getAttribute('data-kind')).toBe('consumer');
    expect(await page.locator(testId('other-half')).textContent()).toBe(traceId);
  });

  it('consumer-link: the consumer is drawn in a trace of its own with a link to the publish, not as its child', async () => {
    await setFault('consumer-link', true);
    const { traceId, traces } = await placeAndSettle();
    const consumerSpan = [...traces.values()].flat().find((s) => s.kind === SpanKind.CONSUMER)!;
    expect(consumerSpan.traceId).not.toBe(traceId);

    await openTrace(traceId);
    expect(await page.locator(testId('verdict')).textContent()).toBe('WHOLE');
    expect(await page.locator(`${testId('span-row')}[data-kind="consumer"]`).count()).toBe(0);
    const producer = page.locator(`${testId('span-row')}[data-kind="producer"]`);
    expect(await producer.locator(testId('span-link')).getAttribute('data-target-trace-id')).toBe(consumerSpan.traceId);

    // Following the link opens the consumer's trace with the consumer's details shown.
    await producer.locator(testId('span-link')).click();
    await page.waitForURL(`**/console/traces/${consumerSpan.traceId}#span-${consumerSpan.spanId}`);
    await page.locator(testId('span-details')).waitFor({ state: 'visible' });
    expect(await page.locator(testId('details-name')).textContent()).toBe(consumerSpan.name);

    await openTrace(consumerSpan.traceId);
    const consumer = page.locator(`${testId('span-row')}[data-kind="consumer"]`);
    expect(await consumer.getAttribute('data-depth')).toBe('0');
    expect(await consumer.getAttribute('data-parent-span-id')).toBe('');
    expect(await consumer.locator(testId('span-link')).getAttribute('data-target-trace-id')).toBe(traceId);
    expect(await page.locator(`${testId('message-hop')}[data-relation="link"]`).count()).toBe(1);
  });

  it('slow-query: the critical path and the top self time both name the risk query', async () => {
    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    try {
      await setFault('slow-query', true);
      await waitForIndex(db, false);
      const answer = await placeOrder(orderBody({ customerId: 'cust-1234' }));
      expect(answer.status).toBe(201);
      const risk = riskQuery(await waitForTrace(answer.traceId, orderDone, { timeoutMs: 30000 }));
      await openTrace(answer.traceId);

      expect(await page.locator(testId('self-time-row')).first().getAttribute('data-span-id')).toBe(risk.spanId);
      expect(await page.locator(`${testId('critical-step')}[data-span-id="${risk.spanId}"]`).count()).toBe(1);
      expect(await page.locator(`${testId('span-row')}[data-span-id="${risk.spanId}"]`).getAttribute('data-critical')).toBe('true');
    } finally {
      await resetFaults();
      await waitForIndex(db, true);
      await db.end();
    }
  });

  it('shows span names and attribute values holding markup as text, never running them', async () => {
    const traceId = newTraceId();
    const evil = '<script>window.__pwned = 1</script>';
    const evilAttribute = '<img src=x onerror="window.__pwned = 2">';
    const spans = toSpans(traceId, node('gateway', evil, SERVER, 0, 20, [node('order', 'innocent', CLIENT, 2, 10, [], { attributes: { note: evilAttribute } })]));
    await sendSpans(spans);
    await sendLogLine('gateway', traceId, spans[0]!.spanId, 'error', evilAttribute);
    await sendLogLine('order', traceId, '', 'info', evil);
    await openTrace(traceId);

    expect(await page.locator(testId('span-name')).first().textContent()).toBe(evil);
    // The line without a span sits above the waterfall; the span's line under its span.
    expect(await page.locator(`${testId('unattached-logs')} ${testId('log-line')} .body`).textContent()).toBe(evil);
    await page.locator(`${testId('span-row')}[data-service="gateway"] ${testId('span-logs-toggle')}`).click();
    expect(await page.locator(`${testId('span-logs')} ${testId('log-line')} .body`).textContent()).toBe(evilAttribute);
    await page.locator(`${testId('span-row')}[data-service="order"] .line`).click();
    expect(await page.locator(testId('details-attributes')).textContent()).toContain(evilAttribute);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
  });

  it('renders a 2,000-span trace with the levels below depth 3 folded, and unfolds them on demand', async () => {
    const traceId = newTraceId();
    await sendSpans(wideTrace(traceId, 2000));
    await openTrace(traceId);

    const hint = page.locator(testId('waterfall-hint'));
    expect(await hint.getAttribute('data-spans')).toBe('2000');
    const folded = Number(await hint.getAttribute('data-folded'));
    expect(folded).toBeGreaterThan(1000);
    // Folded rows are not even built until shown.
    expect(await page.locator(`${testId('span-row')}:visible`).count()).toBe(2000 - folded);
    expect(await page.locator(`${testId('span-row')}[data-depth="4"]:visible`).count()).toBe(0);

    // One span unfolds its own subtree; "Expand all" every row, in depth-first order.
    const firstFolded = page.locator(`${testId('span-row')}[data-depth="3"]`).first();
    const foldedId = await firstFolded.getAttribute('data-span-id');
    await firstFolded.locator(testId('span-twist')).click();
    expect(await page.locator(`${testId('span-row')}[data-parent-span-id="${foldedId}"]:visible`).count()).toBeGreaterThan(0);
    await page.locator(testId('expand-all')).click();
    expect(await hint.getAttribute('data-folded')).toBe('0');
    expect(await page.locator(`${testId('span-row')}:visible`).count()).toBe(2000);
    const depths = await page.locator(testId('span-row')).evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.depth)));
    expect(depths.every((depth, i) => i === 0 || depth <= depths[i - 1]! + 1)).toBe(true);
  });

  it('refuses a malformed trace id with 400 naming the expected form, on the page and in the API', async () => {
    const response = await page.goto(`${GATEWAY_URL}/console/traces/not-a-trace-id`);
    expect(response?.status()).toBe(400);
    expect(JSON.parse(await response!.text())).toMatchObject({ message: expect.stringContaining('32 hex digits') });

    const api = await fetch(`${GATEWAY_URL}/admin/traces/xyz`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(api.status).toBe(400);
  });

  it('explains an unknown trace id: not (yet) in the store, because tail sampling waits', async () => {
    const unknown = newTraceId();
    await openTrace(unknown);
    const status = page.locator(testId('trace-status'));
    expect(await status.getAttribute('data-kind')).toBe('not-found');
    expect(await status.textContent()).toMatch(new RegExp(`trace ${unknown} is not \\(yet\\) in the local receiver .*tail sampling`));
  });

  it('says which source is down when the trace cannot be read', async () => {
    // The gateway's own answer when its source fails (covered against a dead and a hanging Jaeger in traces.service.spec.ts).
    await page.route('**/admin/traces/*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'dependency_unavailable', message: 'traces: Jaeger at http://jaeger:16686 did not answer within 5000 ms' }) }),
    );
    await openTrace(newTraceId());
    await page.unroute('**/admin/traces/*');
    expect(await page.locator(testId('trace-status')).getAttribute('data-kind')).toBe('unavailable');
    expect(await page.locator(testId('trace-status')).textContent()).toContain('Jaeger at http://jaeger:16686 did not answer within 5000 ms');
  });

  it('lists recent traces with badges, opens one from the list, and opens any id from the box', async () => {
    const { traceId } = await placeAndSettle();
    await page.goto(`${GATEWAY_URL}/console`);
    const row = page.locator(`${testId('recent-trace')}[data-trace-id="${traceId}"]`);
    await row.waitFor({ state: 'visible', timeout: 20000 });
    expect(await row.locator(testId('trace-badge')).allTextContents()).toContain('whole');

    await page.locator(testId('trace-box-input')).fill(traceId);
    await page.locator(testId('trace-box-open')).click();
    await page.waitForURL(`**/console/traces/${traceId}`);
    await page.waitForSelector(`${testId('trace-status')}[data-kind="hidden"]`, { state: 'attached' });
    expect(await page.locator(testId('verdict')).textContent()).toBe('WHOLE');
  });
});
