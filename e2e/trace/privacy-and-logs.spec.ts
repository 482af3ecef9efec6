import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_DIR } from '../support/env';
import { DECLINED_CARD, GOOD_CARD, orderBody, placeOrder } from '../support/shop';
import { allSpans, waitForTrace } from '../support/traces';
import { eventually } from '../support/wait';
import { paymentFailedDone, orderDone, SIX_SERVICES } from '../support/whole-trace';

const MASTERCARD = '5555555555554444';
const CARDS = [GOOD_CARD, DECLINED_CARD, MASTERCARD];
const card = (number: string) => ({ number, expMonth: 12, expYear: 2030, cvc: '123' });

function serviceLogLines(): { service: string; line: string }[] {
  return readdirSync(LOG_DIR)
    .filter((f) => f.endsWith('.log'))
    .flatMap((file) =>
      readFileSync(join(LOG_DIR, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => ({ service: file.replace(/\.log$/, ''), line })),
    );
}

describe('card numbers', () => {
  beforeAll(async () => {
    const answers = await Promise.all([
      placeOrder(orderBody({ card: card(MASTERCARD) })),
      placeOrder(orderBody({ card: card(DECLINED_CARD) })),
      placeOrder(orderBody({ card: card(GOOD_CARD) }), { baggage: `shop.note=${MASTERCARD}` }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 402, 201]);
    // Every span of every service the orders reached, so "not in any span" reads them all.
    for (const answer of answers) await waitForTrace(answer.traceId, answer.status === 201 ? orderDone : paymentFailedDone);
  });

  it('never appear in any exported span, attribute, event or status', async () => {
    const exported = JSON.stringify(await allSpans(), (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
    expect(exported.length).toBeGreaterThan(1000);
    for (const number of CARDS) expect(exported).not.toContain(number);
    // the masked form is what the baggage attribute carries
    expect(exported).toContain('[card ****4444]');
  });

  it('never appear in any log line', () => {
    const lines = serviceLogLines();
    expect(lines.length).toBeGreaterThan(50);
    for (const { line } of lines) for (const number of CARDS) expect(line).not.toContain(number);
  });
});

describe('logs', () => {
  it('are JSON, and every line written while serving a request names its trace and span', async () => {
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    await waitForTrace(answer.traceId, (s) => s.some((x) => x.name === 'notification.send'));
    // Log lines reach the files through each service's stdout, after the answer: wait for every service's.
    const { lines, ofTrace } = await eventually('the order logged by all six services', async () => {
      const all = serviceLogLines().map(({ service, line }) => ({ service, entry: JSON.parse(line) as Record<string, unknown> }));
      const mine = all.filter(({ entry }) => entry.trace_id === answer.traceId);
      return SIX_SERVICES.every((service) => mine.some((l) => l.service === service)) ? { lines: all, ofTrace: mine } : undefined;
    });
    expect(new Set(ofTrace.map((l) => l.service))).toEqual(new Set(SIX_SERVICES));
    for (const { entry } of ofTrace) expect(entry.span_id).toMatch(/^[0-9a-f]{16}$/);
    const requestLogs = lines.filter(({ entry }) => entry.msg === 'request completed');
    expect(requestLogs.length).toBeGreaterThan(0);
    for (const { entry } of requestLogs) expect(entry.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });
});
