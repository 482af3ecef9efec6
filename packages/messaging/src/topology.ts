import type { Channel } from 'amqplib';

export const ORDERS_EXCHANGE = 'orders';
export const DEAD_LETTER_EXCHANGE = 'orders.dead-letter';
export const NOTIFICATION_QUEUE = 'notification.order-confirmed';
export type OrderEventKey = 'order.confirmed' | 'order.failed';

/** Durable exchange, queue and dead-letter queue; idempotent, declared by producer and consumer alike. */
export async function declareOrderEvents(channel: Channel): Promise<void> {
  await channel.assertExchange(ORDERS_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'fanout', { durable: true });
  await channel.assertQueue(`${NOTIFICATION_QUEUE}.dead`, { durable: true });
  await channel.bindQueue(`${NOTIFICATION_QUEUE}.dead`, DEAD_LETTER_EXCHANGE, '');
  await channel.assertQueue(NOTIFICATION_QUEUE, {
    durable: true,
    arguments: { 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE },
  });
  await channel.bindQueue(NOTIFICATION_QUEUE, ORDERS_EXCHANGE, 'order.confirmed');
}
