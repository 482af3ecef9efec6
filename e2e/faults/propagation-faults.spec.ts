import { resetFaults, setFault } from '../support/faults';
import { orderBody, placeOrder } from '../support/shop';
import { allSpans, find, roots, SpanKind, waitForTrace } from '../support/traces';
import { eventually } from '../support/wait';
import { expectWholeTrace, orderDone, tracesOfOrder } from '../support/whole-trace';

async function placeAndSettle(): Promise<{ orderId: string; traceId: string }> {
  const answer = await placeOrder(orderBody());
  expect(answer.status).toBe(201);
  const orderId = String(answer.body.orderId);
  // Done when every service's spans of the order are in, in whichever trace.
  await eventually('every service of the order exported', async () => (orderDone([...tracesOfOrder(await allSpans(), orderId).values()].flat()) ? true : undefined));
  return { orderId, traceId: answer.traceId };
}

describe('propagation faults', () => {
  afterEach(resetFaults);

  it('missing-header: the notification lands in a separate trace whose root is the consumer span', async () => {
    await setFault('missing-header', true);
    const { orderId, traceId } = await placeAndSettle();
    const traces = tracesOfOrder(await allSpans(), orderId);
    expect(traces.size).toBe(2);
    const orderTrace = traces.get(traceId)!;
    expect(find(orderTrace, (s) => s.kind === SpanKind.PRODUCER, 'publish').attributes['shop.fault.name']).toBe('missing-header');
    expect(orderTrace.some((s) => s.kind === SpanKind.CONSUMER)).toBe(false);
    const [other] = [...traces].filter(([id]) => id !== traceId).map(([, spans]) => spans);
    expect(roots(other!)).toEqual([expect.objectContaining({ service: 'notification', kind: SpanKind.CONSUMER })]);
    await setFault('missing-header', false);
    await expectWholeTrace();
  });

  it('propagator-mismatch: payment speaks only B3, so the trace splits at order → payment', async () => {
    await setFault('propagator-mismatch', true, { service: 'payment', propagators: 'b3' });
    const { orderId, traceId } = await placeAndSettle();
    const traces = tracesOfOrder(await allSpans(), orderId);
    expect(traces.size).toBeGreaterThanOrEqual(2);
    expect(traces.get(traceId)!.some((s) => s.service === 'payment')).toBe(false);
    const paymentTrace = [...traces.values()].find((spans) => spans.some((s) => s.service === 'payment'))!;
    expect(roots(paymentTrace)).toEqual([expect.objectContaining({ service: 'payment', kind: SpanKind.SERVER })]);
    await setFault('propagator-mismatch', false);
    await expectWholeTrace();
  });

  it('lost-context: notification work started by a boot-time worker becomes an orphan root', async () => {
    await setFault('lost-context', true);
    const { orderId, traceId } = await placeAndSettle();
    const traces = tracesOfOrder(await allSpans(), orderId);
    expect(traces.size).toBe(2);
    expect(traces.get(traceId)!.some((s) => s.kind === SpanKind.CONSUMER)).toBe(true);
    expect(traces.get(traceId)!.some((s) => s.name === 'notification.send')).toBe(false);
    const orphanTrace = [...traces].find(([id]) => id !== traceId)![1];
    expect(roots(orphanTrace)).toEqual([expect.objectContaining({ service: 'notification', name: 'notification.send', kind: SpanKind.INTERNAL })]);
    await setFault('lost-context', false);
    await expectWholeTrace();
  });

  it('consumer-link: the consumer starts a new trace linked to the publish span instead of a child', async () => {
    await setFault('consumer-link', true);
    const { orderId, traceId } = await placeAndSettle();
    const traces = tracesOfOrder(await allSpans(), orderId);
    const publish = find(traces.get(traceId)!, (s) => s.kind === SpanKind.PRODUCER, 'publish');
    const consumer = find([...traces.values()].flat(), (s) => s.kind === SpanKind.CONSUMER, 'consumer');
    expect(consumer.traceId).not.toBe(traceId);
    expect(consumer.parentSpanId).toBeUndefined();
    expect(consumer.links).toEqual([{ traceId, spanId: publish.spanId }]);
    // baggage still travels: the tier set at the gateway is on the linked consumer span
    expect(consumer.attributes['shop.customer.tier']).toBe('gold');
    await setFault('consumer-link', false);
    await expectWholeTrace();
  });

  it('queue-backlog: messages wait in the queue, visible between publish and consume', async () => {
    await setFault('queue-backlog', true, { delayMs: 400, prefetch: 1 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => placeOrder(orderBody())));
    const consumeStarts: bigint[] = [];
    for (const answer of answers) {
      expect(answer.status).toBe(201);
      const spans = await waitForTrace(answer.traceId, orderDone, { timeoutMs: 20000 });
      const publish = find(spans, (s) => s.kind === SpanKind.PRODUCER, 'publish');
      const consume = find(spans, (s) => s.kind === SpanKind.CONSUMER, 'consume');
      // The message's timestamp is taken as the publish span starts; its bar ends only at the broker's
      // confirm (an fsync for a persistent message), which may come after the message was queued.
      const sincePublishMs = Number(consume.startTimeUnixNano - publish.startTimeUnixNano) / 1e6;
      expect(Math.abs(sincePublishMs - Number(consume.attributes['shop.queue.wait_ms']))).toBeLessThan(50);
      // (span times are whole milliseconds: a message delivered at once may start in the same one)
      expect(consume.startTimeUnixNano).toBeGreaterThanOrEqual(publish.startTimeUnixNano);
      consumeStarts.push(consume.startTimeUnixNano);
    }
    // One at a time (prefetch 1), each held 400 ms: every message waited for the one before it,
    // however spread out the five publishes were.
    consumeStarts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const gapsMs = consumeStarts.slice(1).map((start, i) => Number(start - consumeStarts[i]!) / 1e6);
    expect(Math.min(...gapsMs)).toBeGreaterThanOrEqual(395);
    await setFault('queue-backlog', false);
    const whole = await expectWholeTrace();
    expect(Number(find(whole, (s) => s.kind === SpanKind.CONSUMER, 'consume').attributes['shop.queue.wait_ms'])).toBeLessThan(200);
  }, 60000);
});
