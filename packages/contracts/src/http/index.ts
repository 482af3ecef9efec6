export { type Card, type LineItem, type PlaceOrder, PlaceOrderDto, type PlacedOrder, placeOrderSchema } from './place-order.dto';
export { schemaBody } from './schema-body';
export { ORDER_ID_HEADER, TIMEOUT_HEADER } from './internal-headers';
