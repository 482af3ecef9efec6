export { CardDto, LineItemDto, PlaceOrderDto, type PlacedOrder } from './place-order.dto';
export { ORDER_ID_HEADER, TIMEOUT_HEADER } from './internal-headers';
