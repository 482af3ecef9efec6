import { checkoutTrace } from '../testing/checkout';
import { node, PRODUCER, SERVER, toSpans, CLIENT, INTERNAL } from '../testing/span-builder';
import { checkEdges, expectedEdges, observedEdges } from './expected-edges';
import { buildTree } from './trace-tree';

const hops = (spans: ReturnType<typeof checkoutTrace>) => expectedEdges(buildTree(spans), []).map((edge) => `${edge.from} → ${edge.to}`);

describe('expectedEdges', () => {
  it('expects every hop of a confirmed order', () => {
    expect(hops(checkoutTrace('t', 'o1', 'confirmed'))).toEqual([
      'gateway → order',
      'order → inventory',
      'order → payment',
      'payment → fraud-detection',
      'order → notification',
    ]);
  });

  it('stops at payment for a declined card (no notification)', () => {
    expect(hops(checkoutTrace('t', 'o1', 'declined'))).toEqual(['gateway → order', 'order → inventory', 'order → payment', 'payment → fraud-detection']);
  });

  it('stops at inventory when the reservation failed', () => {
    expect(hops(checkoutTrace('t', 'o1', 'out-of-stock'))).toEqual(['gateway → order', 'order → inventory']);
  });

  it('expects only the gateway when it answered 400 by itself', () => {
    expect(hops(checkoutTrace('t', 'o1', 'invalid-input'))).toEqual([]);
  });

  it('expects only gateway → order when no order.place span is there', () => {
    const spans = toSpans('t', node('gateway', 'POST /orders', SERVER, 0, 10, [node('gateway', 'POST', CLIENT, 1, 8)]));
    expect(hops(spans)).toEqual(['gateway → order']);
  });

  it('expects notification from a confirmed publish even without the status attribute', () => {
    const spans = toSpans(
      't',
      node('gateway', 'POST /orders', SERVER, 0, 10, [
        node('gateway', 'POST', CLIENT, 1, 8, [
          node('order', 'POST /orders', SERVER, 2, 6, [
            node('order', 'order.place', INTERNAL, 2, 5, [
              node('order', 'publish orders', PRODUCER, 3, 1, [], { attributes: { 'messaging.rabbitmq.destination.routing_key': 'order.confirmed' } }),
            ]),
          ]),
        ]),
      ]),
    );
    expect(hops(spans)).toContain('order → notification');
  });

  it('uses inventory.reserve from another trace of the same order', () => {
    const spans = checkoutTrace('t', 'o1', 'out-of-stock').filter((span) => span.service !== 'inventory');
    const reserveElsewhere = checkoutTrace('t2', 'o1', 'out-of-stock').filter((span) => span.name === 'inventory.reserve');
    expect(expectedEdges(buildTree(spans), reserveElsewhere).map((edge) => edge.to)).toEqual(['order', 'inventory']);
  });

  it('expects nothing of a trace that does not start at the gateway', () => {
    const spans = checkoutTrace('t', 'o1').filter((span) => span.service === 'notification');
    expect(hops(spans)).toEqual([]);
  });
});

describe('checkEdges', () => {
  it('marks an edge present only for a client → server (producer → consumer) crossing', () => {
    const spans = checkoutTrace('t', 'o1');
    const checks = checkEdges(buildTree(spans), [], spans);
    expect(checks.every((check) => check.status === 'present')).toBe(true);
    expect(checks.map((check) => check.hop)).toContain('order → notification over RabbitMQ');
  });

  it('marks an edge linked when a span in the callee links into the trace', () => {
    const spans = checkoutTrace('t', 'o1').filter((span) => span.service !== 'notification');
    const consumer = { ...checkoutTrace('t2', 'o1').find((span) => span.service === 'notification')!, parentSpanId: undefined, links: [{ traceId: 't', spanId: 'abc' }] };
    const checks = checkEdges(buildTree(spans), [], [...spans, consumer]);
    expect(checks.find((check) => check.to === 'notification')?.status).toBe('linked');
  });
});

describe('observedEdges', () => {
  it('lists every service crossing once', () => {
    expect(observedEdges(buildTree(checkoutTrace('t', 'o1')))).toEqual([
      'gateway → order',
      'order → inventory',
      'order → payment',
      'payment → fraud-detection',
      'order → notification',
    ]);
  });
});
