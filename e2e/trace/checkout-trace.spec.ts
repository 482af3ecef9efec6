import { orderBody, placeOrder } from '../support/shop';
import { EXPECTED_EDGES, orderDone } from '../support/whole-trace';
import {
  find,
  orphans,
  parentOf,
  type ReceivedSpan,
  roots,
  serviceEdges,
  SpanKind,
  waitForTrace,
} from '../support/traces';

const SIX = ['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification'];

describe('a confirmed order', () => {
  let spans: ReceivedSpan[];
  let traceId: string;

  beforeAll(async () => {
    const answer = await placeOrder(orderBody({ items: [{ sku: 'TL-MUG', quantity: 2 }, { sku: 'TL-TEE', quantity: 1 }] }));
    expect(answer.status).toBe(201);
    traceId = answer.traceId;
    expect(answer.body).toMatchObject({ status: 'confirmed', totalCents: 2 * 1200 + 2500, traceId });
    spans = await waitForTrace(traceId, orderDone);
  });

  it('forms one trace with spans from all six services', () => {
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([traceId]));
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(SIX));
  });

  it('has one root, the gateway server span, and no orphan', () => {
    const [root, ...others] = roots(spans);
    expect(others).toEqual([]);
    expect(root).toMatchObject({ service: 'gateway', kind: SpanKind.SERVER });
    expect(root!.attributes['http.request.method']).toBe('POST');
    expect(orphans(spans)).toEqual([]);
  });

  it('crosses services exactly along the expected edges', () => {
    expect(serviceEdges(spans)).toEqual(EXPECTED_EDGES);
  });

  it('crosses each boundary from a client or producer span to a server or consumer span over the right transport', () => {
    const crossing = spans.filter((s) => {
      const parent = parentOf(spans, s);
      return parent && parent.service !== s.service;
    });
    for (const child of crossing) {
      const parent = parentOf(spans, child)!;
      const edge = `${parent.service} -> ${child.service}`;
      if (edge === 'order -> notification') {
        expect([parent.kind, child.kind]).toEqual([SpanKind.PRODUCER, SpanKind.CONSUMER]);
        expect(parent.attributes['messaging.system']).toBe('rabbitmq');
        expect(child.attributes['messaging.rabbitmq.destination.routing_key']).toBe('order.confirmed');
      } else if (edge === 'gateway -> order') {
        expect([parent.kind, child.kind]).toEqual([SpanKind.CLIENT, SpanKind.SERVER]);
        expect(parent.attributes['url.full']).toMatch(/\/orders$/);
        expect(child.attributes['http.request.method']).toBe('POST');
      } else {
        expect([parent.kind, child.kind]).toEqual([SpanKind.CLIENT, SpanKind.SERVER]);
        expect(child.attributes['rpc.system'] ?? child.attributes['rpc.system.name']).toBe('grpc');
      }
    }
  });

  it('shows fraud-detection reading the risk table in Postgres', () => {
    const query = find(
      spans,
      (s) => s.service === 'fraud-detection' && s.kind === SpanKind.CLIENT && String(s.attributes['db.query.text'] ?? '').includes('customer_risk'),
      'for the customer_risk query',
    );
    expect(query.attributes['db.system.name']).toBe('postgresql');
    expect(query.attributes['db.query.text']).toMatch(/WHERE customer_id = \$1/);
  });

  it('publishes from the order service and consumes as a child of the publish span', () => {
    const publish = find(spans, (s) => s.kind === SpanKind.PRODUCER, 'publish');
    const consume = find(spans, (s) => s.kind === SpanKind.CONSUMER, 'consume');
    expect(publish.service).toBe('order');
    expect(consume.parentSpanId).toBe(publish.spanId);
    expect(consume.attributes['shop.order.id']).toBe(publish.attributes['shop.order.id']);
    const send = find(spans, (s) => s.name === 'notification.send', 'notification.send');
    expect(parentOf(spans, send)?.spanId).toBe(consume.spanId);
    // acked after the work: the consumer span covers the send. Each span's clock is anchored to
    // Date.now() (millisecond precision) when it starts, hence the 2 ms tolerance.
    const coverMs = Number(consume.endTimeUnixNano - send.endTimeUnixNano) / 1e6;
    expect(coverMs).toBeGreaterThan(-2);
  });

  it('records the first fraud call as attempt 1', () => {
    const attempts = spans.filter((s) => s.service === 'payment' && s.kind === SpanKind.CLIENT);
    expect(attempts.map((s) => s.attributes['shop.retry.attempt'])).toEqual([1]);
  });

  it('describes every service with its resource attributes', () => {
    for (const span of spans) {
      expect(span.resource['service.version']).toBe('0.1.0');
      expect(span.resource['deployment.environment.name']).toBe('e2e');
    }
  });
});
