import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { checkoutTrace } from '../testing/checkout';
import { breakAt, CONSUMER, INTERNAL, SERVER } from '../testing/span-builder';
import type { Finding } from '../model';
import { analyze } from './analyze';

const ORDER = '5f0e7c1a-0000-4000-8000-00000000a001';
const named = (service: string, name: string, kind?: number) => (span: ReceivedSpan) =>
  span.service === service && span.name === name && (kind === undefined || span.kind === kind);
const kinds = (findings: Finding[]) => findings.map((finding) => [finding.kind, finding.hop]);

describe('analyze: the verdict', () => {
  it.each(['confirmed', 'declined', 'out-of-stock', 'invalid-input'] as const)('finds a %s order whole', (outcome) => {
    const report = analyze(checkoutTrace('trace-1', ORDER, outcome));

    expect(report.findings).toEqual([]);
    expect(report.whole).toBe(true);
    expect(report.traces).toHaveLength(1);
    expect(report.traces[0]).toMatchObject({ traceId: 'trace-1', rootCount: 1, root: { service: 'gateway', name: 'POST /orders', kind: 'server' } });
  });

  it('summarises each trace with its edges, critical path and self time', () => {
    const [trace] = analyze(checkoutTrace('trace-1', ORDER)).traces;

    expect(trace!.orderIds).toEqual([ORDER]);
    expect(trace!.services).toEqual(['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification']);
    expect(trace!.expectedEdges.map((edge) => `${edge.hop}: ${edge.status}`)).toEqual([
      'gateway → order over HTTP: present',
      'order → inventory over gRPC: present',
      'order → payment over gRPC: present',
      'payment → fraud-detection over gRPC: present',
      'order → notification over RabbitMQ: present',
    ]);
    expect(trace!.criticalPath[0]).toMatchObject({ service: 'gateway', name: 'POST /orders' });
    expect(trace!.topSelfTime).toHaveLength(5);
    expect(trace!.durationMs).toBe(130);
    expect(trace!.waterfall).toHaveLength(trace!.spanCount);
  });

  it('is not whole without traces', () => {
    expect(analyze([])).toEqual({ whole: false, traces: [], findings: [] });
  });

  it('ignores the same span read twice', () => {
    const spans = checkoutTrace('trace-1', ORDER);
    expect(analyze([...spans, ...spans]).traces[0]!.spanCount).toBe(spans.length);
  });
});

describe('analyze: where propagation broke', () => {
  it('names the RabbitMQ hop when the consumer starts a new trace', () => {
    const spans = breakAt(checkoutTrace('trace-1', ORDER), named('notification', 'process order.confirmed'), 'trace-2');
    const report = analyze(spans);

    expect(report.whole).toBe(false);
    expect(kinds(report.findings)).toEqual([
      ['missing-edge', 'order → notification over RabbitMQ'],
      ['orphan-root', 'order → notification over RabbitMQ: consumer started a new trace'],
      ['split-order', 'order → notification over RabbitMQ: consumer started a new trace'],
    ]);
    expect(report.findings[2]).toMatchObject({ orderId: ORDER, traceId: 'trace-2' });
    expect(report.findings[2]!.message).toContain('apart from trace trace-1');
  });

  it.each([
    ['payment', 'order → payment over gRPC: server started a new trace'],
    ['inventory', 'order → inventory over gRPC: server started a new trace'],
    ['fraud-detection', 'payment → fraud-detection over gRPC: server started a new trace'],
  ])('names the gRPC hop when the %s server starts a new trace', (service, hop) => {
    const spans = breakAt(checkoutTrace('trace-1', ORDER), (span) => span.service === service && span.kind === SERVER, 'trace-2');
    const report = analyze(spans);

    expect(report.whole).toBe(false);
    expect(report.findings.filter((finding) => finding.kind === 'split-order')).toEqual([
      expect.objectContaining({ hop, orderId: ORDER, traceId: 'trace-2' }),
    ]);
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'missing-edge', hop: hop.split(':')[0], traceId: 'trace-1' }));
  });

  it('does not report downstream edges of a service that is not in the trace at all', () => {
    const spans = breakAt(checkoutTrace('trace-1', ORDER), named('payment', 'grpc.tracelab.payment.v1.PaymentService/Charge', SERVER), 'trace-2');
    const missing = analyze(spans).findings.filter((finding) => finding.kind === 'missing-edge');
    expect(missing.map((finding) => finding.hop)).toEqual(['order → payment over gRPC']);
    expect(missing[0]!.message).toContain("order 'grpc.tracelab.payment.v1.PaymentService/Charge' (client) has no payment server span as its child");
  });

  it('pairs an order trace with its gateway request by time, since the gateway carries no order id', () => {
    const spans = breakAt(checkoutTrace('trace-1', ORDER), named('order', 'POST /orders', SERVER), 'trace-2');
    const report = analyze(spans);

    expect(kinds(report.findings)).toEqual([
      ['missing-edge', 'gateway → order over HTTP'],
      ['orphan-root', 'gateway → order over HTTP: server started a new trace'],
      ['split-order', 'gateway → order over HTTP: server started a new trace'],
    ]);
    expect(report.findings[2]).toMatchObject({ orderId: ORDER, traceId: 'trace-2' });
    expect(report.findings[2]!.message).toContain('paired by time');
  });

  it('does not pair a fragment that started outside the waiting client span', () => {
    const unrelated = breakAt(checkoutTrace('other', 'o-2', 'confirmed', 5_000), named('order', 'POST /orders', SERVER), 'other-2').filter((span) => span.traceId === 'other-2');
    const gatewayOnly = breakAt(checkoutTrace('trace-1', ORDER), named('order', 'POST /orders', SERVER), 'trace-2').filter((span) => span.traceId === 'trace-1');
    const report = analyze([...gatewayOnly, ...unrelated]);
    expect(report.findings.filter((finding) => finding.kind === 'split-order')).toEqual([]);
    expect(kinds(report.findings)).toContainEqual(['orphan-root', 'gateway → order over HTTP: server started a new trace']);
  });

  it('names the service that lost its context when an internal span starts a new trace', () => {
    const spans = breakAt(checkoutTrace('trace-1', ORDER), named('notification', 'notification.send', INTERNAL), 'trace-2');
    const report = analyze(spans);

    expect(kinds(report.findings)).toEqual([
      ['orphan-root', "context lost inside notification: 'notification.send' started a new trace (orphan root)"],
      ['split-order', "context lost inside notification: 'notification.send' started a new trace (orphan root)"],
    ]);
  });

  it('reports a linked consumer as a note, not a break', () => {
    const spans = breakAt(checkoutTrace('trace-1', ORDER), named('notification', 'process order.confirmed', CONSUMER), 'trace-2', { link: true });
    const report = analyze(spans);

    expect(report.whole).toBe(true);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'link', hop: 'order → notification over RabbitMQ: consumer linked, not parented (link mode)', orderId: ORDER, traceId: 'trace-2' }),
    ]);
    expect(report.traces[0]!.expectedEdges.at(-1)).toMatchObject({ to: 'notification', status: 'linked' });
  });

  it('reports spans whose parent never arrived', () => {
    const spans = checkoutTrace('trace-1', ORDER).filter((span) => !named('order', 'publish orders')(span));
    const report = analyze(spans);

    expect(report.whole).toBe(false);
    expect(kinds(report.findings)).toEqual([
      ['missing-edge', 'order → notification over RabbitMQ'],
      ['orphan-span', 'order → notification over RabbitMQ: parent span not in the trace'],
    ]);
    expect(report.findings[1]!.message).toContain("notification 'process order.confirmed' (consumer) has parent");
  });

  it('accepts a gateway span whose parent is the (unexported) span of a client that sent traceparent', () => {
    const spans = checkoutTrace('trace-1', ORDER).map((span) => (span.parentSpanId ? span : { ...span, parentSpanId: 'c0ffeec0ffeec0ff' }));
    expect(analyze(spans).whole).toBe(true);
  });

  it('flags every extra root in a trace that should have one', () => {
    const stray = breakAt(checkoutTrace('trace-1', ORDER), named('inventory', 'inventory.reserve'), 'trace-1');
    const report = analyze(stray);
    expect(report.traces[0]!.rootCount).toBe(2);
    expect(kinds(report.findings)).toEqual([['orphan-root', "context lost inside inventory: 'inventory.reserve' started a new trace (orphan root)"]]);
  });
});

describe('analyze: calls that never reached the callee', () => {
  const isScoreClient = (span: ReceivedSpan) => span.service === 'payment' && span.kind === 3;

  it('does not blame propagation when payment made no fraud call (open circuit breaker)', () => {
    const spans = checkoutTrace('trace-1', ORDER, 'declined').filter((span) => span.service !== 'fraud-detection' && !isScoreClient(span));
    const report = analyze(spans);

    expect(report.whole).toBe(true);
    expect(report.traces[0]!.expectedEdges.find((edge) => edge.to === 'fraud-detection')?.status).toBe('not-reached');
  });

  it('does not blame propagation when every call failed to connect (UNAVAILABLE)', () => {
    const spans = checkoutTrace('trace-1', ORDER, 'declined')
      .filter((span) => span.service !== 'fraud-detection')
      .map((span) => (isScoreClient(span) ? { ...span, status: { code: 2 }, attributes: { 'rpc.grpc.status_code': 14 } } : span));
    expect(analyze(spans).whole).toBe(true);
  });

  it('still reports a call that got an answer but has no server span under it', () => {
    const spans = checkoutTrace('trace-1', ORDER, 'declined').filter((span) => span.service !== 'fraud-detection');
    expect(kinds(analyze(spans).findings)).toEqual([['missing-edge', 'payment → fraud-detection over gRPC']]);
  });
});
