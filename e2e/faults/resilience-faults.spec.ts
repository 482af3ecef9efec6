import { resetFaults, setFault } from '../support/faults';
import { orderBody, placeOrder } from '../support/shop';
import { find, orphans, type ReceivedSpan, roots, SpanKind, waitForTrace } from '../support/traces';
import { expectWholeTrace, paymentFailedDone } from '../support/whole-trace';

const ERROR = 2;

describe('fault retry-storm', () => {
  afterAll(resetFaults);

  it('shows every attempt as its own client span with its attempt number', async () => {
    await setFault('retry-storm', true, { failRate: 1 });
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(503);
    // The three fraud calls, and every other service's spans: each exports on its own schedule.
    const spans = await waitForTrace(answer.traceId, (s) => paymentFailedDone(s) && s.filter((x) => x.service === 'fraud-detection' && x.kind === SpanKind.SERVER).length >= 3);
    const attempts = spans
      .filter((s) => s.service === 'payment' && s.kind === SpanKind.CLIENT)
      .sort((a, b) => (a.startTimeUnixNano < b.startTimeUnixNano ? -1 : 1));
    expect(attempts.map((s) => s.attributes['shop.retry.attempt'])).toEqual([1, 2, 3]);
    for (const attempt of attempts) expect(attempt.status.code).toBe(ERROR);
    // backoff: each attempt starts after the previous one ended
    for (let i = 1; i < attempts.length; i++) expect(attempts[i]!.startTimeUnixNano > attempts[i - 1]!.endTimeUnixNano).toBe(true);
    expect(find(spans, (s) => s.name === 'payment.charge', 'payment.charge').status.code).toBe(ERROR);
    expect(roots(spans)).toHaveLength(1);
    expect(orphans(spans)).toEqual([]);
  });

  it('with a partial failure rate, retries rescue orders: some traces hold ≥ 2 attempts and still succeed', async () => {
    await setFault('retry-storm', true, { failRate: 0.5 });
    // Each order is rescued by a retry with probability 3/8: a few batches make a miss negligible.
    const statuses: number[] = [];
    const rescued: ReceivedSpan[][] = [];
    for (let batch = 0; batch < 4 && rescued.length === 0; batch++) {
      const answers = await Promise.all(Array.from({ length: 12 }, () => placeOrder(orderBody())));
      statuses.push(...answers.map((a) => a.status));
      for (const answer of answers.filter((a) => a.status === 201)) {
        const spans = await waitForTrace(answer.traceId, (s) => s.some((x) => x.name === 'payment.authorize'));
        const attempts = spans.filter((s) => s.service === 'payment' && s.kind === SpanKind.CLIENT);
        if (attempts.length >= 2) rescued.push(attempts);
      }
    }
    expect({ rescued: rescued.length > 0, statuses }).toMatchObject({ rescued: true });
    await setFault('retry-storm', false);
    const whole = await expectWholeTrace();
    expect(whole.filter((s) => s.service === 'payment' && s.kind === SpanKind.CLIENT)).toHaveLength(1);
  });
});

describe('fault cascade', () => {
  afterAll(resetFaults);

  it('times out, opens the circuit breaker, then fails fast with 503; off restores whole traces', async () => {
    await setFault('cascade', true, { hangMs: 3000 });
    // Five charges time out (three attempts each) and open the breaker.
    const slow = await Promise.all(Array.from({ length: 5 }, () => placeOrder(orderBody())));
    expect(slow.map((a) => a.status)).toEqual(Array(5).fill(503));

    const started = Date.now();
    const fast = await placeOrder(orderBody());
    const elapsed = Date.now() - started;
    expect(fast.status).toBe(503);
    expect(String(fast.body.message)).toContain('circuit breaker open');
    expect(elapsed).toBeLessThan(1000);
    const spans = await waitForTrace(fast.traceId, (s) => s.some((x) => x.name === 'payment.charge'));
    const charge = find(spans, (s) => s.name === 'payment.charge', 'payment.charge');
    expect(charge.attributes['shop.circuit.state']).toBe('open');
    expect(charge.status.code).toBe(ERROR);
    expect(spans.some((s) => s.service === 'fraud-detection')).toBe(false);

    const timedOut = await waitForTrace(slow[0]!.traceId, (s) => s.filter((x) => x.service === 'payment' && x.kind === SpanKind.CLIENT).length >= 3);
    const deadlines = timedOut.filter((s) => s.service === 'payment' && s.kind === SpanKind.CLIENT);
    for (const attempt of deadlines) expect(attempt.status.code).toBe(ERROR);

    await setFault('cascade', false);
    // the breaker half-opens after FRAUD_BREAKER_HALF_OPEN_MS (5 s) and closes on the next success
    await new Promise((r) => setTimeout(r, 5200));
    await expectWholeTrace();
  }, 60000);
});
