import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { ADMIN_TOKEN, GATEWAY_URL } from '../support/env';
import { orderBody, placeOrder } from '../support/shop';
import { byId, describeTrace, hasService, type ReceivedSpan, SpanKind, waitForTrace } from '../support/traces';

const JAEGER_UI_URL = 'http://jaeger.invalid:16686';
const SCREENSHOT = join(__dirname, '../../.e2e/console.png');
/** Services pick a fault switch up within 1 s; allow for that plus one order. */
const FAULT_EFFECT_WITHIN_MS = 5000;
const THREE_SKUS = [
  { sku: 'TL-MUG', quantity: 1 },
  { sku: 'TL-TEE', quantity: 1 },
  { sku: 'TL-CAP', quantity: 1 },
];

const testId = (id: string) => `[data-testid="${id}"]`;

async function resetFaults(): Promise<void> {
  const response = await fetch(`${GATEWAY_URL}/admin/faults/reset`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  if (!response.ok) throw new Error(`resetting the faults answered ${response.status}: ${await response.text()}`);
}

/** pg UPDATE client spans of inventory somewhere below an `inventory.reserve` span. */
function reservationUpdates(spans: ReceivedSpan[]): ReceivedSpan[] {
  const index = byId(spans);
  const underReserve = (span: ReceivedSpan): boolean => {
    for (let parent = index.get(span.parentSpanId ?? ''); parent; parent = index.get(parent.parentSpanId ?? '')) {
      if (parent.service === 'inventory' && parent.name === 'inventory.reserve') return true;
    }
    return false;
  };
  return spans.filter(
    (s) =>
      s.service === 'inventory' &&
      s.kind === SpanKind.CLIENT &&
      // With the fault off, the UPDATE is part of the one reserve statement (WITH … UPDATE products …).
      /\bUPDATE\s+products\b/i.test(String(s.attributes['db.query.text'] ?? '')) &&
      underReserve(s),
  );
}

/**
 * Places three-item orders until one's reservation shows `expected` UPDATE spans, as long as the
 * orders start within FAULT_EFFECT_WITHIN_MS of the switch; returns the last order's spans.
 */
async function orderUntilReservationUpdates(expected: number, switchedAt: number): Promise<ReceivedSpan[]> {
  let spans: ReceivedSpan[] = [];
  do {
    const answer = await placeOrder(orderBody({ items: THREE_SKUS }));
    expect(answer.status).toBe(201);
    spans = await waitForTrace(answer.traceId, (s) => reservationUpdates(s).length > 0);
    if (reservationUpdates(spans).length === expected) return spans;
  } while (Date.now() - switchedAt < FAULT_EFFECT_WITHIN_MS);
  return spans;
}

async function waitUntil<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the workshop console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await resetFaults();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10000);
  });

  afterAll(async () => {
    await resetFaults();
    await browser?.close();
  });

  it('is served as one page with a strict Content-Security-Policy', async () => {
    const response = await page.goto(`${GATEWAY_URL}/console`);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('asks for the admin token, then shows the fault switches', async () => {
    const authError = page.locator(testId('auth-error'));
    await authError.waitFor({ state: 'visible' });
    expect(await authError.textContent()).toMatch(/admin token/i);

    await page.locator(testId('token-input')).fill(ADMIN_TOKEN);
    await page.locator(testId('token-save')).click();

    await page.locator(testId('fault-n-plus-one')).waitFor({ state: 'visible' });
    await authError.waitFor({ state: 'hidden' });
    expect(await page.locator(testId('fault-toggle-n-plus-one')).isChecked()).toBe(false);
    expect((await page.locator(`${testId('fault-n-plus-one')} .description`).textContent())?.trim()).not.toBe('');
  });

  it('switches n-plus-one on, and the reservation then runs one UPDATE per item', async () => {
    await page.locator(testId('fault-toggle-n-plus-one')).click();
    const switchedAt = Date.now();
    await page.waitForSelector(`${testId('fault-n-plus-one')}[data-enabled="true"]`);

    // Still on in a fresh page load: the state comes from the gateway, the token from localStorage.
    await page.reload();
    await page.waitForSelector(`${testId('fault-toggle-n-plus-one')}:checked`);
    expect(await page.locator(testId('fault-state-n-plus-one')).textContent()).toBe('ON');

    const spans = await orderUntilReservationUpdates(3, switchedAt);
    const updates = reservationUpdates(spans);
    expect({ updates: updates.length, trace: describeTrace(spans) }).toMatchObject({ updates: 3 });
  });

  it('switches n-plus-one off again, and the reservation goes back to a single statement', async () => {
    await page.locator(testId('fault-toggle-n-plus-one')).click();
    const switchedAt = Date.now();
    await page.waitForSelector(`${testId('fault-n-plus-one')}[data-enabled="false"]`);
    expect(await page.locator(testId('fault-toggle-n-plus-one')).isChecked()).toBe(false);

    const spans = await orderUntilReservationUpdates(1, switchedAt);
    expect({ updates: reservationUpdates(spans).length, trace: describeTrace(spans) }).toMatchObject({ updates: 1 });
  });

  it('places a test order whose trace id opens its trace page, and a second link opens Jaeger in a new tab', async () => {
    await page.locator(testId('place-order')).click();
    const resultLink = page.locator(`${testId('order-result')} ${testId('trace-page-link')}`);
    await resultLink.waitFor({ state: 'visible' });
    const traceId = (await resultLink.textContent())!.trim();
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const row = page.locator(`${testId('order-row')}[data-trace-id="${traceId}"]`);
    await row.waitFor({ state: 'visible' });
    expect(await row.locator(testId('trace-page-link')).getAttribute('href')).toBe(`/console/traces/${traceId}`);
    const link = row.locator(testId('trace-link'));
    const href = await link.getAttribute('href');
    expect(href).toBe(`${JAEGER_UI_URL}/trace/${traceId}`);
    expect(await link.getAttribute('target')).toBe('_blank');

    // The link names a real trace: the console's order reached the collector under that id.
    await waitForTrace(traceId, hasService('inventory'));

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // jaeger.invalid never resolves, so assert on the navigation the new tab asked for.
    const navigations: Request[] = [];
    context.on('request', (request) => {
      if (request.isNavigationRequest()) navigations.push(request);
    });
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    const opened = await waitUntil('the new tab to request the trace', () =>
      navigations.find((request) => request.frame().page() === popup),
    );
    expect(opened.url()).toBe(href);
    await popup.close();
  });
});
