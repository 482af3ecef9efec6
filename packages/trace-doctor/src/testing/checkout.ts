import { CLIENT, CONSUMER, INTERNAL, node, PRODUCER, SERVER, type SpanNode, toSpans } from './span-builder';
import type { ReceivedSpan } from '@tracelab/otlp-receiver';

export type CheckoutOutcome = 'confirmed' | 'declined' | 'out-of-stock' | 'invalid-input';

const RESERVE = 'grpc.tracelab.inventory.v1.InventoryService/Reserve';
const CHARGE = 'grpc.tracelab.payment.v1.PaymentService/Charge';
const SCORE = 'grpc.tracelab.fraud.v1.FraudDetectionService/Score';

/** Test data only: a `POST /orders` trace shaped like the ones in docs/telemetry.md, starting `at` ms. */
export function checkoutTrace(traceId: string, orderId: string, outcome: CheckoutOutcome = 'confirmed', at = 0): ReceivedSpan[] {
  const order = { 'shop.order.id': orderId };
  const t = (ms: number) => at + ms;
  if (outcome === 'invalid-input') {
    return toSpans(
      traceId,
      node('gateway', 'POST /orders', SERVER, t(0), 6, [node('gateway', 'request handler - /orders', INTERNAL, t(1), 4, [], { error: true })], {
        attributes: { 'http.response.status_code': 400 },
      }),
    );
  }

  const reserveFails = outcome === 'out-of-stock';
  const paymentDeclined = outcome === 'declined';
  const confirmed = outcome === 'confirmed';

  const fraud = node('payment', SCORE, CLIENT, t(24), 26, [
    node('fraud-detection', SCORE, SERVER, t(25), 24, [node('fraud-detection', 'pg.query:SELECT tracelab', CLIENT, t(26), 22)], { attributes: order }),
  ]);
  const payment = node('order', CHARGE, CLIENT, t(21), 39, [
    node('payment', CHARGE, SERVER, t(22), 37, [
      node('payment', 'payment.charge', INTERNAL, t(23), 35, [fraud, node('payment', 'payment.authorize', INTERNAL, t(51), 6, [], { error: paymentDeclined })], {
        attributes: order,
        error: paymentDeclined,
      }),
    ], { error: paymentDeclined }),
  ], { error: paymentDeclined });
  const notification = node('order', 'publish orders', PRODUCER, t(71), 9, [
    node('notification', 'process order.confirmed', CONSUMER, t(85), 45, [
      node('notification', 'notification.send', INTERNAL, t(86), 39, [node('notification', 'pg.query:INSERT tracelab', CLIENT, t(87), 33)], { attributes: order }),
    ], { attributes: { ...order, 'messaging.rabbitmq.destination.routing_key': 'order.confirmed' } }),
  ], { attributes: { ...order, 'messaging.rabbitmq.destination.routing_key': 'order.confirmed' } });

  const placeChildren: SpanNode[] = [
    node('order', RESERVE, CLIENT, t(5), 15, [
      node('inventory', RESERVE, SERVER, t(6), 13, [
        node('inventory', 'inventory.reserve', INTERNAL, t(7), 11, [node('inventory', 'pg.query:UPDATE tracelab', CLIENT, t(8), 4)], { attributes: order, error: reserveFails }),
      ], { error: reserveFails }),
    ], { error: reserveFails }),
    ...(reserveFails ? [] : [payment]),
    ...(confirmed ? [node('order', 'pg.query:INSERT tracelab', CLIENT, t(61), 9), notification] : []),
  ];
  const failed = !confirmed;
  return toSpans(
    traceId,
    node('gateway', 'POST /orders', SERVER, t(0), 100, [
      node('gateway', 'POST', CLIENT, t(2), 96, [
        node('order', 'POST /orders', SERVER, t(3), 94, [
          node('order', 'order.place', INTERNAL, t(4), 92, placeChildren, {
            attributes: confirmed ? { ...order, 'shop.order.status': 'confirmed' } : order,
            error: failed,
          }),
        ]),
      ], { error: failed }),
    ]),
  );
}
