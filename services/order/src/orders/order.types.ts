export type OrderStatus = 'confirmed' | 'payment_declined' | 'out_of_stock' | 'failed';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number | null;
}

export interface NewOrder {
  id: string;
  customerId: string;
  status: OrderStatus;
  failureReason: string | null;
  totalCents: number;
  paymentId: string | null;
  cardLast4: string | null;
  traceId: string | null;
  items: OrderLine[];
}

export interface OrderView {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  failureReason: string | null;
  totalCents: number;
  items: OrderLine[];
  payment: { id: string; cardLast4: string | null } | null;
  traceId: string | null;
  createdAt: string;
  notification: { sent: boolean; sentAt: string | null };
}

/** Body of order.confirmed / order.failed (docs/telemetry.md). */
export interface OrderEvent {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  totalCents: number;
  items: OrderLine[];
  occurredAt: string;
}

export interface OutboxEntry {
  id: string;
  routingKey: string;
  payload: OrderEvent;
  carrier: Record<string, string>;
}
