/** Gateway → order: the order id the gateway chose, so a retry names the same order. */
export const ORDER_ID_HEADER = 'x-order-id';
/** Gateway → order: milliseconds the gateway still waits; the order service stops work after that. */
export const TIMEOUT_HEADER = 'x-request-timeout-ms';
