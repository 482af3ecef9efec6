import { join } from 'node:path';
import { SpanKind } from '@tracelab/otlp-receiver';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { ADMIN_TOKEN, GATEWAY_URL } from '../support/env';
import { resetFaults, setFault } from '../support/faults';
import { orderBody, placeOrder } from '../support/shop';
import { eventually } from '../support/wait';
import { orderDone, SIX_SERVICES } from '../support/whole-trace';
import { waitForJaegerTrace } from './support/jaeger';

const testId = (id: string) => `[data-testid="${id}"]`;

interface TraceView {
  source: string;
  whole: boolean;
  brokenHops: string[];
  otherHalves: string[];
  trace: { spanCount: number; services: string[] };
}

async function traceView(traceId: string): Promise<{ status: number; body: TraceView }> {
  const response = await fetch(`${GATEWAY_URL}/admin/traces/${traceId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return { status: response.status, body: (await response.json()) as TraceView };
}

describe("the console's trace page on the real Jaeger", () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await resetFaults();
    await browser?.close();
  });

  it('reads a whole order from Jaeger api/v3 server-side and draws it WHOLE, 27 spans across the six services', async () => {
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    await waitForJaegerTrace(answer.traceId, orderDone);

    const { status, body } = await traceView(answer.traceId);
    expect(status).toBe(200);
    expect(body.source).toMatch(/^Jaeger at http/);
    expect(body).toMatchObject({ whole: true, trace: { spanCount: 27 } });
    expect([...body.trace.services].sort()).toEqual(SIX_SERVICES);

    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${GATEWAY_URL}/console/traces/${answer.traceId}?token=${encodeURIComponent(ADMIN_TOKEN)}`);
    await page.waitForSelector(`${testId('trace-status')}[data-kind="hidden"]`, { state: 'attached', timeout: 20_000 });
    expect(await page.locator(testId('verdict')).textContent()).toBe('WHOLE');
    expect(await page.locator(testId('span-row')).count()).toBe(27);
    expect(await page.locator(testId('trace-summary')).textContent()).toContain('read from Jaeger at http');
    await page.screenshot({ path: join(__dirname, '../../.e2e/trace-page-pipeline.png'), fullPage: true });
  }, 120_000);

  it('missing-header: BROKEN at order → notification, with the other half found in Jaeger by order id', async () => {
    await setFault('missing-header', true);
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    await waitForJaegerTrace(answer.traceId, (spans) => spans.some((s) => s.kind === SpanKind.PRODUCER));
    // The consumer's trace passes the collector's tail sampling on its own schedule.
    const view = await eventually('the split-off half in Jaeger', async () => {
      const { body } = await traceView(answer.traceId);
      return body.otherHalves?.length ? body : undefined;
    }, 60_000, 1000);
    expect(view.whole).toBe(false);
    expect(view.brokenHops).toContain('order → notification over RabbitMQ: consumer started a new trace');
  }, 120_000);
});
