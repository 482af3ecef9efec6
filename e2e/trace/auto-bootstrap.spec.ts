import { diagnose } from '@tracelab/trace-doctor';
import { fetchSpans, type ReceivedSpan } from '@tracelab/otlp-receiver';
import { type OwnStack, startOwnStack } from '../support/own-stack';
import { FAULT_PROPAGATION_MS } from '../support/faults';
import { orderBody, placeOrder, request } from '../support/shop';
import { find, hasEntries, pollTrace, SpanKind, waitForTrace } from '../support/traces';
import { eventually, sleep } from '../support/wait';
import { expectWhole, orderDone, tracesOfOrder } from '../support/whole-trace';

/**
 * The same six services started with TRACELAB_TELEMETRY=auto (the NodeSDK with
 * auto-instrumentations-node, docs/telemetry.md) on a stack of their own: their traces must mean
 * what the lean bootstrap's mean, which the shared stack of this tier runs.
 */
const PLACE = { name: 'tracelab_autoboot', portOffset: 600, receiverPort: 14918 };
const ADMIN_TOKEN = 'autoboot-admin-token';
const BAGGAGE = 'synthetic=true,shop.scenario=e2e-auto,shop.note=card5105105105105100';
const CARDS = ['4242424242424242', '5105105105105100', '6011111111111117', '4111111111111111', '371449635398431'];

/** Service, kind and name of each span; the database in pg span names differs from stack to stack. */
const signature = (spans: ReceivedSpan[]) =>
  [...new Set(spans.map((s) => `${s.service} ${s.kind} ${s.name.replace(/ tracelab_\w+$/, ' <database>')}`))].sort();

describe('the auto bootstrap (TRACELAB_TELEMETRY=auto)', () => {
  let auto: OwnStack;
  const placeAuto = (body: unknown = orderBody(), headers: Record<string, string> = {}) => request(auto.gateway, 'POST', '/orders', body, headers);
  const traceOf = (traceId: string) => pollTrace(() => fetchSpans(auto.receiver.url, traceId), traceId, orderDone);
  async function setFault(name: string, enabled: boolean, params?: Record<string, unknown>) {
    const reply = await request(auto.gateway, 'POST', `/admin/faults/${name}`, params ? { enabled, params } : { enabled }, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(reply.status).toBe(200);
    await sleep(FAULT_PROPAGATION_MS);
  }

  beforeAll(async () => {
    auto = await startOwnStack(PLACE, 'auto-bootstrap', { TRACELAB_TELEMETRY: 'auto', ADMIN_TOKEN, OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=e2e' }, { keepRawBodies: true });
  }, 240000);
  afterAll(() => auto?.close());

  let spans: ReceivedSpan[];
  let traceId: string;

  it('turns an order into one whole trace across the six services, RabbitMQ hop included', async () => {
    const placed = await placeAuto(orderBody({ items: [{ sku: 'TL-MUG', quantity: 1 }, { sku: 'TL-TEE', quantity: 1 }] }), { baggage: BAGGAGE });
    expect(placed.status).toBe(201);
    traceId = placed.headers.get('x-trace-id')!;
    spans = await traceOf(traceId);
    expectWhole(spans);
    const report = await diagnose({ source: 'local', receiverUrl: auto.receiver.url, traceId });
    expect(report.findings).toEqual([]);
    expect(report.whole).toBe(true);
    expect(report.traces[0]!.expectedEdges.map((edge) => `${edge.hop}: ${edge.status}`)).toEqual([
      'gateway → order over HTTP: present',
      'order → inventory over gRPC: present',
      'order → payment over gRPC: present',
      'payment → fraud-detection over gRPC: present',
      'order → notification over RabbitMQ: present',
    ]);
  });

  it('carries RabbitMQ context only by hand: one producer and one consumer span, no amqplib ones', () => {
    const publish = find(spans, (s) => s.kind === SpanKind.PRODUCER, 'publish');
    const consume = find(spans, (s) => s.kind === SpanKind.CONSUMER, 'consume');
    expect(spans.filter((s) => s.kind === SpanKind.PRODUCER || s.kind === SpanKind.CONSUMER)).toHaveLength(2);
    expect(consume.parentSpanId).toBe(publish.spanId);
  });

  it('puts the baggage on the spans of every service, as under lean', () => {
    for (const service of ['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification']) {
      const entry = find(spans, (s) => s.service === service && (s.kind === SpanKind.SERVER || s.kind === SpanKind.CONSUMER), `${service} entry span`);
      expect(entry.attributes).toMatchObject({ synthetic: 'true', 'shop.scenario': 'e2e-auto' });
      if (service !== 'gateway') expect(entry.attributes['shop.customer.tier']).toBe('gold');
    }
  });

  it('names the same spans as the lean bootstrap does for the same order', async () => {
    const lean = await placeOrder(orderBody({ items: [{ sku: 'TL-MUG', quantity: 1 }, { sku: 'TL-TEE', quantity: 1 }] }), { baggage: BAGGAGE });
    expect(lean.status).toBe(201);
    const leanSpans = await waitForTrace(lean.traceId, orderDone);
    expect(signature(spans)).toEqual(signature(leanSpans));
    expect(spans.length).toBe(leanSpans.length);
  });

  it('describes every service with the lean resource', () => {
    for (const span of spans) {
      expect(span.resource).toEqual({ 'service.name': span.service, 'service.version': '0.1.0', 'deployment.environment.name': 'e2e' });
    }
  });

  it('exports no card number, in any form it was sent', async () => {
    expect((await placeAuto(orderBody({ card: { number: '6011111111111117', expMonth: 13, expYear: 2030, cvc: '123' } }), { baggage: BAGGAGE })).status).toBe(400);
    expect((await request(auto.gateway, 'GET', '/orders/4111111111111111')).status).toBe(400);
    const products = await request(auto.gateway, 'GET', '/products?card=371449635398431', undefined, { baggage: BAGGAGE });
    expect(products.status).toBe(200);
    // Gateway's and order's spans of the last request: each service exports in the order its spans end.
    const productsTrace = products.headers.get('x-trace-id')!;
    const exported = await eventually('the masked forms and the last request exported', async () => {
      const bodies = auto.receiver.rawBodies().join('\n');
      const flushed = hasEntries('gateway', 'order')(await fetchSpans(auto.receiver.url, productsTrace));
      return flushed && bodies.includes('card[card ****5100]') && bodies.includes('[card ****1111]') ? bodies : undefined;
    });
    for (const card of CARDS) expect(exported.includes(card) ? card : 'absent').toBe('absent');
  });

  it('still breaks propagation where a fault switch says so: payment speaking only B3 splits the trace', async () => {
    await setFault('propagator-mismatch', true, { service: 'payment', propagators: 'b3' });
    try {
      const placed = await placeAuto();
      expect(placed.status).toBe(201);
      const report = await diagnose({ source: 'local', receiverUrl: auto.receiver.url, traceId: placed.headers.get('x-trace-id')!, waitMs: 8000, settleMs: 1000 });
      expect(report.whole).toBe(false);
      expect(report.findings.map((f) => f.hop ?? '')).toEqual(expect.arrayContaining([expect.stringMatching(/^order → payment over gRPC/)]));
    } finally {
      await setFault('propagator-mismatch', false);
    }
  });

  it('still breaks propagation where a fault switch says so: no header on the message, no amqplib to make up for it', async () => {
    await setFault('missing-header', true);
    try {
      const placed = await placeAuto();
      expect(placed.status).toBe(201);
      const traces = await eventually('every service of the order exported, the notification in its own trace', async () => {
        const found = tracesOfOrder(await fetchSpans(auto.receiver.url), String(placed.body.orderId));
        return orderDone([...found.values()].flat()) ? found : undefined;
      });
      expect(traces.size).toBe(2);
      const report = await diagnose({ source: 'local', receiverUrl: auto.receiver.url, traceId: placed.headers.get('x-trace-id')! });
      expect(report.findings.map((f) => f.hop ?? '')).toEqual(expect.arrayContaining([expect.stringMatching(/^order → notification over RabbitMQ/)]));
    } finally {
      await setFault('missing-header', false);
    }
  });
});
