import { AppError, ErrorCode, errorBody } from '@tracelab/service-kit';
import type { StoredAnswer } from './idempotency.store';

interface StoredOrder {
  orderId: string;
  status: string;
  failureReason: string | null;
  totalCents: number;
  traceId: string | null;
}

const ERRORS: Record<string, [number, ErrorCode]> = {
  payment_declined: [402, ErrorCode.PaymentDeclined],
  out_of_stock: [409, ErrorCode.OutOfStock],
};

/** What POST /orders answered (or would have) for an order as the order service stored it; undefined for a failed one. */
export function answerOf(order: StoredOrder): StoredAnswer | undefined {
  if (order.status === 'confirmed') {
    return { status: 201, body: { orderId: order.orderId, status: 'confirmed', totalCents: order.totalCents, traceId: order.traceId } };
  }
  const error = ERRORS[order.status];
  if (!error) return undefined;
  return { status: error[0], body: errorBody(error[1], order.failureReason ?? order.status, { orderId: order.orderId }) };
}

/** The gateway cannot tell whether the order went through: the client must not take it for a failure. */
export function outcomeUnknown(orderId: string, why: string): AppError {
  return new AppError(
    504,
    'order_outcome_unknown',
    `the outcome of order ${orderId} is not known yet (${why}); GET /orders/${orderId} tells it`,
    { orderId },
  );
}
