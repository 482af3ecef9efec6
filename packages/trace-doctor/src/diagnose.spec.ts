import { serializeSpan, type ReceivedSpan } from '@tracelab/otlp-receiver';
import { analyze } from './analysis/analyze';
import { diagnose, looksComplete } from './diagnose';
import { checkoutTrace } from './testing/checkout';
import { type HttpStub, replyJson, startHttpStub } from './testing/http-stub';
import { breakAt } from './testing/span-builder';

const withoutNotification = (spans: ReceivedSpan[]) => spans.filter((span) => span.service !== 'notification');

describe('looksComplete', () => {
  it('holds for enough whole traces', () => {
    const report = analyze([...checkoutTrace('t1', 'o1'), ...checkoutTrace('t2', 'o2', 'confirmed', 500)]);
    expect(looksComplete(report, { last: 2 })).toBe(true);
    expect(looksComplete(report, { last: 3 })).toBe(false);
    expect(looksComplete(report, { traceId: 'T2' })).toBe(true);
  });

  it('waits for a notification that has not arrived yet', () => {
    expect(looksComplete(analyze(withoutNotification(checkoutTrace('t1', 'o1'))), { last: 1 })).toBe(false);
  });

  it('waits for the parent of an orphan', () => {
    const spans = checkoutTrace('t1', 'o1').filter((span) => span.name !== 'publish orders');
    expect(looksComplete(analyze(spans), { last: 1 })).toBe(false);
  });

  it('stops waiting once the trace that took over has been found', () => {
    const spans = breakAt(checkoutTrace('t1', 'o1'), (span) => span.name === 'process order.confirmed', 't2');
    expect(looksComplete(analyze(spans), { last: 1 })).toBe(true);
  });
});

describe('diagnose', () => {
  let served: ReceivedSpan[] = [];
  let receiver: HttpStub;

  beforeAll(async () => {
    receiver = await startHttpStub((_url, response) => replyJson(response, 200, served.map(serializeSpan)));
  });
  afterAll(() => receiver.close());

  it('reads once without waitMs', async () => {
    served = withoutNotification(checkoutTrace('t1', 'o1'));
    const report = await diagnose({ source: 'local', receiverUrl: receiver.url, last: 1 });
    expect(report.whole).toBe(false);
    expect(receiver.requests).toHaveLength(1);
  });

  it('re-reads until late spans arrive', async () => {
    receiver.requests.length = 0;
    served = withoutNotification(checkoutTrace('t1', 'o1'));
    setTimeout(() => (served = checkoutTrace('t1', 'o1')), 150);
    const report = await diagnose({ source: 'local', receiverUrl: receiver.url, last: 1, waitMs: 5_000, pollMs: 50, settleMs: 100 });
    expect(report.whole).toBe(true);
    expect(receiver.requests.length).toBeGreaterThan(1);
  });

  it('picks up an order placed just before it, though the previous trace already looked complete', async () => {
    served = checkoutTrace('previous', 'o0');
    setTimeout(() => (served = [...served, ...breakAt(checkoutTrace('new', 'o1', 'confirmed', 1_000), (span) => span.name === 'process order.confirmed', 'new-2')]), 150);
    const started = Date.now();
    const report = await diagnose({ source: 'local', receiverUrl: receiver.url, last: 1, waitMs: 5_000, pollMs: 50, settleMs: 400 });
    expect(report.traces.map((trace) => trace.traceId)).toEqual(['new', 'new-2']);
    expect(report.whole).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('returns as soon as the traces have settled and look complete', async () => {
    served = checkoutTrace('t1', 'o1');
    const started = Date.now();
    expect((await diagnose({ source: 'local', receiverUrl: receiver.url, last: 1, waitMs: 5_000, pollMs: 50, settleMs: 200 })).whole).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gives up when the time has passed', async () => {
    served = withoutNotification(checkoutTrace('t1', 'o1'));
    const started = Date.now();
    const report = await diagnose({ source: 'local', receiverUrl: receiver.url, last: 1, waitMs: 200, pollMs: 50 });
    expect(report.whole).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
