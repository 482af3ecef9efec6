import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { ORDERS_EXCHANGE, publishWithTraceContext } from '@tracelab/messaging';
import { APP_CONFIG, Broker, FaultWatcher } from '@tracelab/service-kit';
import type { OrderConfig } from '../config';
import type { OrderEvent } from './order.types';
import { OrdersRepository } from './orders.repository';

/** Unpublished events older than this are the relay's (the request's own publish has given up). */
const RELAY_AFTER_MS = 5000;

/**
 * Publishes order events to RabbitMQ inside the request's context. An event is first stored in
 * the outbox with the order; if publishing fails, the relay retries it later under the stored
 * trace context, so the notification still lands in the order's trace.
 */
@Injectable()
export class OrderEventsPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderEventsPublisher.name);
  private timer?: NodeJS.Timeout;
  private relaying = false;

  constructor(
    private readonly broker: Broker,
    private readonly repository: OrdersRepository,
    @Inject(APP_CONFIG) private readonly config: OrderConfig,
    @Inject(FaultWatcher) private readonly faults: FaultWatcher,
  ) {}

  /** The trace context to store with an event: traceparent, tracestate, baggage. */
  captureContext(): Record<string, string> {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    return carrier;
  }

  async publish(outboxId: string, routingKey: string, event: OrderEvent): Promise<boolean> {
    try {
      const dropHeaders = this.faults.isOn('missing-header');
      await publishWithTraceContext(
        this.broker.channel(),
        ORDERS_EXCHANGE,
        routingKey,
        event,
        { 'shop.order.id': event.orderId, ...(dropHeaders ? { 'shop.fault.name': 'missing-header' } : {}) },
        !dropHeaders,
      );
      await this.repository.markPublished(outboxId);
      return true;
    } catch (error) {
      this.logger.warn({ err: error, orderId: event.orderId }, 'order event not published yet; the outbox relay will retry');
      return false;
    }
  }

  onApplicationBootstrap(): void {
    // The relay's polling is untraced; a publish it makes runs in the order's stored context.
    this.timer = context.with(suppressTracing(ROOT_CONTEXT), () => setInterval(() => void this.relay(), this.config.OUTBOX_INTERVAL_MS));
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async relay(): Promise<void> {
    if (this.relaying || !this.broker.ready) return;
    this.relaying = true;
    try {
      for (const entry of await this.repository.unpublished(RELAY_AFTER_MS, 100)) {
        const stored = propagation.extract(ROOT_CONTEXT, entry.carrier);
        const published = await context.with(stored, () => this.publish(entry.id, entry.routingKey, entry.payload));
        if (!published) break;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay failed; retrying next tick');
    } finally {
      this.relaying = false;
    }
  }
}
