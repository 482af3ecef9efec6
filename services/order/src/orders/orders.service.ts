import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import type { PlacedOrder, PlaceOrderDto } from '@tracelab/contracts/http';
import { AppError, ErrorCode } from '@tracelab/service-kit';
import { grpcErrorCode, grpcErrorDetails, GrpcStatus } from '@tracelab/service-kit/grpc';
import { currentTraceId, inSpan } from '@tracelab/telemetry';
import { Downstream } from '../downstream/downstream.module';
import { toAppError } from '../downstream/grpc-errors';
import { Compensations } from './compensations';
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
/** Payment's answer when it refused to charge because the deadline had passed: certainly not charged. */
const CALLER_GONE = 'the caller stopped waiting; not charged';

const ERROR_BY_STATUS: Record<string, [number, ErrorCode]> = {
  out_of_stock: [409, ErrorCode.OutOfStock],
  payment_declined: [402, ErrorCode.PaymentDeclined],
  failed: [503, ErrorCode.DependencyUnavailable],
};

export interface Placement {
  /** Chosen by the caller (the gateway), so a retry names the same order. */
  orderId?: string;
  /** Epoch ms after which nobody waits for the answer. */
  deadline?: number;
}

@Injectable()
export class OrdersService {
  /** Orders being placed by this process: a second request for one is told to wait. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly downstream: Downstream,
    private readonly repository: OrdersRepository,
    private readonly events: OrderEventsPublisher,
    private readonly compensations: Compensations,
  ) {}

  /** Reserve stock, charge the card, store the order, announce it. The same order id is placed once. */
  async place(dto: PlaceOrderDto, placement: Placement = {}): Promise<PlacedOrder> {
    const orderId = placement.orderId ?? randomUUID();
    if (this.inFlight.has(orderId)) throw new AppError(409, 'order_in_progress', `order ${orderId} is still being placed`, { orderId });
    this.inFlight.add(orderId);
    try {
      if (placement.orderId) {
        const stored = await this.repository.findById(orderId);
        if (stored) return replay(stored);
      }
      return await this.placeNew(orderId, dto, placement.deadline);
    } finally {
      this.inFlight.delete(orderId);
    }
  }

  private placeNew(orderId: string, dto: PlaceOrderDto, deadline: number | undefined): Promise<PlacedOrder> {
    const items = mergeItems(dto.items);
    const attributes = { 'shop.order.id': orderId, 'shop.customer.id': dto.customerId, 'shop.order.item_count': dto.items.length };
    return inSpan('order.place', attributes, async (span) => {
      const lines: OrderLine[] = items.map((i) => ({ sku: i.sku, quantity: i.quantity, unitPriceCents: null }));
      let reservation;
      try {
        reservation = await this.downstream.reserve({ orderId, items }, deadline);
      } catch (error) {
        const failure = toAppError(error, 'inventory');
        // Whatever went wrong (a timeout, a cancelled call, a 500), stock may have been taken.
        if (failure.status >= 500) await this.compensations.release(orderId, { again: true });
        throw await this.fail(orderId, dto.customerId, lines, 0, failure);
      }
      span.setAttribute('shop.order.total_cents', reservation.totalCents);
      const reserved = reservation.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents }));
      let charge;
      try {
        charge = await this.downstream.charge({ orderId, customerId: dto.customerId, amountCents: reservation.totalCents, card: dto.card }, deadline);
      } catch (error) {
        await this.compensations.release(orderId);
        // No answer from payment: the card may have been charged all the same.
        if (grpcErrorCode(error) === GrpcStatus.DEADLINE_EXCEEDED && grpcErrorDetails(error) !== CALLER_GONE) {
          await this.compensations.chargeWithoutOrder(orderId, null, `charge outcome unknown: ${grpcErrorDetails(error)}`);
        }
        throw await this.fail(orderId, dto.customerId, reserved, reservation.totalCents, toAppError(error, 'payment'));
      }
      await this.recordCharged(span, {
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
    const saved = await this.repository.save(order, routingKey, event, this.events.captureContext());
    span?.setAttribute('shop.order.status', order.status);
    // Stored by an earlier attempt whose COMMIT answer was lost: the relay publishes that one.
    if (saved.fresh) await this.events.publish(saved.outboxId, routingKey, event);
  }

  /** A charged order that cannot be stored gives its stock back and is recorded for reconciliation. */
  private async recordCharged(span: Span, order: NewOrder): Promise<void> {
    try {
      await this.record(span, order);
    } catch (error) {
      await this.compensations.release(order.id);
      await this.compensations.chargeWithoutOrder(order.id, order.paymentId!, (error as Error).message);
      throw error;
    }
  }
}

/** The answer an already placed order gave: its result for a confirmed one, its error otherwise. */
function replay(order: OrderView): PlacedOrder {
  if (order.status === 'confirmed') return { orderId: order.orderId, status: 'confirmed', totalCents: order.totalCents, traceId: order.traceId };
  const [status, code] = ERROR_BY_STATUS[order.status] ?? [503, ErrorCode.DependencyUnavailable];
  throw new AppError(status, code, order.failureReason ?? order.status, { orderId: order.orderId });
}
