import { z } from '@tracelab/config';

/** The part of order.confirmed this service relies on; anything else is ignored. */
export const OrderConfirmedEvent = z.object({
  orderId: z.uuid(),
  customerId: z.string().min(1),
  totalCents: z.number().int().nonnegative(),
});
export type OrderConfirmedEvent = z.infer<typeof OrderConfirmedEvent>;
