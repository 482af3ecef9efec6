export { AmqpConnection, type ChannelSetup } from './connection';
export { publishWithTraceContext, consumeWithTraceContext, type Consumer, type ConsumeOptions, type ConsumerLinkMode } from './propagation';
export { ORDERS_EXCHANGE, DEAD_LETTER_EXCHANGE, declareOrderEvents, NOTIFICATION_QUEUE, type OrderEventKey } from './topology';
