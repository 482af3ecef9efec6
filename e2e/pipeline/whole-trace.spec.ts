import { DECLINED_CARD, orderBody, placeOrder } from '../support/shop';
import { SpanKind, StatusCode } from '@tracelab/otlp-receiver';
import { expectWhole, orderDone } from '../support/whole-trace';
import { find } from '../support/traces';
import { waitForJaegerTrace } from './support/jaeger';

describe('orders through the real Collector into the real Jaeger', () => {
  it('every order of a burst is one whole trace in Jaeger, read back through api/v3', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => placeOrder(orderBody({ customerId: `cust-${String(100 + i).padStart(4, '0')}` }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    for (const answer of answers) {
      const spans = await waitForJaegerTrace(answer.traceId, orderDone);
      expectWhole(spans);
      expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([answer.traceId]));
      // Attributes survive the collector and Jaeger: the order service's spans name the order the client got.
      expect(spans.filter((s) => s.service === 'order').some((s) => s.attributes['shop.order.id'] === answer.body.orderId)).toBe(true);
    }
  }, 180_000);

  it('a declined card arrives in Jaeger as an error trace with the decline on the payment span', async () => {
    const answer = await placeOrder(orderBody({ card: { number: DECLINED_CARD, expMonth: 12, expYear: 2030, cvc: '123' } }));
    expect(answer.status).toBe(402);
    const spans = await waitForJaegerTrace(answer.traceId, (s) => s.some((x) => x.name === 'payment.authorize') && s.some((x) => x.kind === SpanKind.PRODUCER));
    const root = find(spans, (s) => !s.parentSpanId, 'root');
    expect(root).toMatchObject({ service: 'gateway', status: { code: StatusCode.ERROR } });
    expect(find(spans, (s) => s.name === 'payment.authorize', 'payment.authorize').status.code).toBe(StatusCode.ERROR);
    // No card number survives the trip through the collector and Jaeger.
    expect(JSON.stringify(spans, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(DECLINED_CARD);
  });
});
