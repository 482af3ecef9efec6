import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { PgListener, Pool } from '@tracelab/db';
import { ORDERS_EXCHANGE, publishWithTraceContext } from '@tracelab/messaging';
import { APP_CONFIG, FaultWatcher, type JobOutcome, OnDemandJob, PG_LISTENER, PG_POOL } from '@tracelab/service-kit';
import { Broker } from '@tracelab/service-kit/messaging';
import type { OrderConfig } from '../config';
import type { OrderEvent } from './order.types';
import { OrdersRepository } from './orders.repository';

/** Unpublished events older than this are the relay's (the request's own publish has given up). */
const RELAY_AFTER_MS = 5000;
/** A relay woken for an event runs once that event is the relay's. */
const RELAY_DELAY_MS = RELAY_AFTER_MS + 200;
const BATCH = 100;
/** Published events are marked in one UPDATE per this many ms, off the request's path. */
const MARK_AFTER_MS = 50;
/** "Look at the outbox": sent when a publish fails, so every order instance's relay knows. */
export const OUTBOX_CHANNEL = 'tracelab_outbox';

/**
 * Publishes order events to RabbitMQ inside the request's context. An event is first stored in
 * the outbox with the order; if publishing fails, the relay retries it later under the stored
 * trace context, so the notification still lands in the order's trace.
 *
 * The relay runs only when it may have work: woken by a failed publish (this instance's at once,
 * another's through OUTBOX_CHANNEL), by the broker coming back, by the LISTEN connection coming
 * back (an announcement sent while it was away is lost), and by a sweep every OUTBOX_SWEEP_MS for
 * an instance that died between its commit and its publish. Idle, it makes no query.
 */
@Injectable()
export class OrderEventsPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(OrderEventsPublisher.name);
  private readonly relay: OnDemandJob;
  private readonly marker: OnDemandJob;
  /** Published, not yet marked: lost on a crash, the relay publishes them again (a duplicate the consumer ignores). */
  private readonly published = new Set<string>();

  constructor(
    private readonly broker: Broker,
    private readonly repository: OrdersRepository,
    @Inject(APP_CONFIG) config: OrderConfig,
    @Inject(FaultWatcher) private readonly faults: FaultWatcher,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PG_LISTENER) private readonly listener: PgListener,
  ) {
    this.relay = new OnDemandJob(() => this.relayOnce(), {
      retryMs: config.OUTBOX_INTERVAL_MS,
      sweepMs: config.OUTBOX_SWEEP_MS,
      onError: (error) => this.logger.warn({ err: error }, 'outbox relay failed; retrying'),
    });
    this.marker = new OnDemandJob(() => this.markPublished(), {
      retryMs: config.OUTBOX_INTERVAL_MS,
      onError: (error) => this.logger.warn({ err: error }, 'published events not marked yet; retrying'),
    });
  }

  /** The trace context to store with an event: traceparent, tracestate, baggage. */
  captureContext(): Record<string, string> {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    return carrier;
  }

  /** The request's publish, right after its commit; a failure hands the event to the relay. */
  async publish(outboxId: string, routingKey: string, event: OrderEvent): Promise<boolean> {
    try {
      await this.tryPublish(outboxId, routingKey, event);
      return true;
    } catch (error) {
      this.logger.warn({ err: error, orderId: event.orderId }, 'order event not published yet; the outbox relay will retry');
      this.relay.wake(RELAY_DELAY_MS);
      void context.with(suppressTracing(ROOT_CONTEXT), () =>
        this.pool.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, outboxId]).catch(() => undefined),
      );
      return false;
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    // Every (re)connect of the broker: events that failed while it was away.
    this.broker.onChannel(async () => this.relay.wake());
    await this.listener.subscribe(OUTBOX_CHANNEL, {
      notified: () => this.relay.wake(RELAY_DELAY_MS),
      // Now for the events that are the relay's already, and once more for those announced in
      // the last RELAY_AFTER_MS, whose announcement may have been lost too.
      listening: () => {
        this.relay.wake();
        this.relay.wake(RELAY_DELAY_MS);
      },
    });
  }

  /** Before the pool closes: the marks still pending. */
  async beforeApplicationShutdown(): Promise<void> {
    this.marker.stop();
    await this.markPublished().catch((error: unknown) => this.logger.warn({ err: error }, 'published events left unmarked; the relay will publish them again'));
  }

  onApplicationShutdown(): void {
    this.relay.stop();
  }

  private async tryPublish(outboxId: string, routingKey: string, event: OrderEvent): Promise<void> {
    const dropHeaders = this.faults.isOn('missing-header');
    await publishWithTraceContext(
      this.broker.channel(),
      ORDERS_EXCHANGE,
      routingKey,
      event,
      { 'shop.order.id': event.orderId, ...(dropHeaders ? { 'shop.fault.name': 'missing-header' } : {}) },
      !dropHeaders,
    );
    this.published.add(outboxId);
    this.marker.wake(MARK_AFTER_MS);
  }

  private async markPublished(): Promise<JobOutcome> {
    if (this.published.size === 0) return 'done';
    const ids = [...this.published];
    await this.repository.markPublished(ids);
    for (const id of ids) this.published.delete(id);
    return 'done';
  }

  /** Untraced itself; a publish it makes runs in the order's stored context. */
  private async relayOnce(): Promise<JobOutcome> {
    if (!this.broker.ready) return 'retry'; // no query until the broker is back
    const entries = await this.repository.unpublished(RELAY_AFTER_MS, BATCH);
    for (const entry of entries) {
      const stored = propagation.extract(ROOT_CONTEXT, entry.carrier);
      try {
        await context.with(stored, () => this.tryPublish(entry.id, entry.routingKey, entry.payload));
      } catch (error) {
        this.logger.warn({ err: error, orderId: entry.payload.orderId }, 'outbox relay could not publish; retrying');
        return 'retry';
      }
    }
    if (entries.length > 0) this.logger.log({ events: entries.length }, 'outbox relay published events');
    return entries.length === BATCH ? 'more' : 'done';
  }
}
