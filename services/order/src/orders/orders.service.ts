import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import type { PlacedOrder, PlaceOrderDto } from '@tracelab/contracts';
import { AppError, ErrorCode } from '@tracelab/service-kit';
import { currentTraceId, inSpan } from '@tracelab/telemetry';
import { Downstream } from '../downstream/downstream.module';
import { toAppError } from '../downstream/grpc-errors';
import { OrderEventsPublisher } from './order-events.publisher';
import type { NewOrder, OrderLine, OrderStatus, OrderView } from './order.types';
import { OrdersRepository } from './orders.repository';

/** One line per SKU: the same SKU listed twice is one line with the summed quantity. */
function mergeItems(items: { sku: string; quantity: number }[]): { sku: string; quantity: number }[] {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.sku, (merged.get(item.sku) ?? 0) + item.quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

const STATUS_BY_ERROR: Record<string, OrderStatus> = {
  [ErrorCode.OutOfStock]: 'out_of_stock',
  [ErrorCode.PaymentDeclined]: 'payment_declined',
};

@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    private readonly downstream: Downstream,
    private readonly repository: OrdersRepository,
    private readonly events: OrderEventsPublisher,
  ) {}

  /** Reserve stock, charge the card, store the order, announce it. */
  place(dto: PlaceOrderDto): Promise<PlacedOrder> {
    const orderId = randomUUID();
    const items = mergeItems(dto.items);
    const attributes = { 'shop.order.id': orderId, 'shop.customer.id': dto.customerId, 'shop.order.item_count': dto.items.length };
    return inSpan('order.place', attributes, async (span) => {
      const lines: OrderLine[] = items.map((i) => ({ sku: i.sku, quantity: i.quantity, unitPriceCents: null }));
      let reservation;
      try {
        reservation = await this.downstream.reserve({ orderId, items });
      } catch (error) {
        const failure = toAppError(error, 'inventory');
        // A timed-out Reserve may still commit on inventory's side: give that stock back too.
        if (failure.status === 503) await this.releaseQuietly(orderId);
        throw await this.fail(orderId, dto.customerId, lines, 0, failure);
      }
      span.setAttribute('shop.order.total_cents', reservation.totalCents);
      const reserved = reservation.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents }));
      let charge;
      try {
        charge = await this.downstream.charge({ orderId, customerId: dto.customerId, amountCents: reservation.totalCents, card: dto.card });
      } catch (error) {
        await this.releaseQuietly(orderId);
        throw await this.fail(orderId, dto.customerId, reserved, reservation.totalCents, toAppError(error, 'payment'));
      }
      await this.recordOrRelease(span, {
        id: orderId,
        customerId: dto.customerId,
        status: 'confirmed',
        failureReason: null,
        totalCents: reservation.totalCents,
        paymentId: charge.paymentId,
        cardLast4: charge.cardLast4,
        traceId: currentTraceId() ?? null,
        items: reserved,
      });
      return { orderId, status: 'confirmed', totalCents: reservation.totalCents, traceId: currentTraceId() ?? null };
    });
  }

  recent(limit: number) {
    return this.repository.recent(limit);
  }

  async find(id: string): Promise<OrderView> {
    const order = await this.repository.findById(id);
    if (!order) throw new AppError(404, ErrorCode.NotFound, `order ${id} not found`);
    return order;
  }

  /** Stores a failed order (an unknown SKU is a bad request, not an order) and returns the error to answer. */
  private async fail(orderId: string, customerId: string, items: OrderLine[], totalCents: number, error: AppError): Promise<AppError> {
    if (error.status === 400) return error;
    const status = STATUS_BY_ERROR[error.code] ?? 'failed';
    await this.record(undefined, {
      id: orderId,
      customerId,
      status,
      failureReason: error.message,
      totalCents,
      paymentId: null,
      cardLast4: null,
      traceId: currentTraceId() ?? null,
      items,
    });
    return new AppError(error.status, error.code, error.message, { orderId });
  }

  private async record(span: Span | undefined, order: NewOrder): Promise<void> {
    const routingKey = order.status === 'confirmed' ? 'order.confirmed' : 'order.failed';
    const event = {
      orderId: order.id,
      customerId: order.customerId,
      status: order.status,
      totalCents: order.totalCents,
      items: order.items,
      occurredAt: new Date().toISOString(),
    };
    const outboxId = await this.repository.save(order, routingKey, event, this.events.captureContext());
    span?.setAttribute('shop.order.status', order.status);
    await this.events.publish(outboxId, routingKey, event);
  }

  /** A charged order that cannot be stored gives its stock back before the error is answered. */
  private async recordOrRelease(span: Span, order: NewOrder): Promise<void> {
    try {
      await this.record(span, order);
    } catch (error) {
      await this.releaseQuietly(order.id);
      this.logger.error({ err: error, orderId: order.id, paymentId: order.paymentId }, 'charged order could not be stored; stock released, payment needs a refund');
      throw error;
    }
  }

  private async releaseQuietly(orderId: string): Promise<void> {
    try {
      await this.downstream.release(orderId);
    } catch (error) {
      this.logger.warn({ err: error, orderId }, 'could not release the reservation');
    }
  }
}
