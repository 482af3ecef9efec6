import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { Pool } from '@tracelab/db';
import { APP_CONFIG, type JobOutcome, OnDemandJob, PG_POOL } from '@tracelab/service-kit';
import { currentTraceId } from '@tracelab/telemetry';
import type { OrderConfig } from '../config';
import { Downstream } from '../downstream/downstream.module';

/**
 * What undoes a half-done order. A reservation is released exactly once (inventory's Release is
 * idempotent); when inventory cannot be reached the release is kept in `pending_releases` and
 * retried until it answers. A charge that went through for an order that could not be stored is
 * written to `payment_reconciliation` (there is no refund call) and marked on the span.
 *
 * The retries run only while releases wait: woken when one is deferred, again every
 * OUTBOX_INTERVAL_MS until none is left, at start (those left by an earlier run) and on a sweep
 * every OUTBOX_SWEEP_MS (those left by another instance that stopped).
 */
const BATCH = 50;

@Injectable()
export class Compensations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Compensations.name);
  private readonly retries: OnDemandJob;
  private readonly retryMs: number;

  constructor(
    private readonly downstream: Downstream,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) config: OrderConfig,
  ) {
    this.retryMs = config.OUTBOX_INTERVAL_MS;
    this.retries = new OnDemandJob(() => this.retryReleases(), { retryMs: this.retryMs, sweepMs: config.OUTBOX_SWEEP_MS });
  }

  /**
   * Gives the order's stock back now, or as soon as inventory answers again. `again`: release once
   * more a moment later too, for a Reserve whose answer was lost and that may commit after this.
   */
  async release(orderId: string, { again = false } = {}): Promise<void> {
    try {
      await this.downstream.release(orderId);
      if (again) await this.defer(orderId, 'reserve outcome unknown');
    } catch (error) {
      trace.getActiveSpan()?.addEvent('shop.release.deferred', { 'shop.order.id': orderId });
      this.logger.warn({ err: error, orderId }, 'could not release the reservation; retrying in the background');
      await this.defer(orderId, (error as Error).message);
    }
  }

  private defer(orderId: string, reason: string): Promise<void> {
    return this.pool
      .query('INSERT INTO pending_releases (order_id, last_error) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING', [orderId, reason])
      .then(() => this.retries.wake(this.retryMs))
      .catch((stored: unknown) => this.logger.error({ err: stored, orderId }, 'reservation neither released nor queued for release'));
  }

  /**
   * A charge without a stored (confirmed) order, or one whose outcome is unknown (`paymentId`
   * null): recorded for reconciliation, visible on the active span.
   */
  async chargeWithoutOrder(orderId: string, paymentId: string | null, reason: string): Promise<void> {
    const span = trace.getActiveSpan();
    span?.setAttribute('shop.payment.reconciliation', 'required');
    span?.addEvent('shop.payment.reconciliation_required', { 'shop.order.id': orderId, ...(paymentId ? { 'shop.payment.id': paymentId } : {}) });
    this.logger.error({ orderId, paymentId, reason }, 'payment without a confirmed order; recorded for reconciliation');
    await this.pool
      .query(
        `INSERT INTO payment_reconciliation (order_id, payment_id, reason, trace_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (order_id) DO NOTHING`,
        [orderId, paymentId, reason, currentTraceId() ?? null],
      )
      .catch((error: unknown) => this.logger.error({ err: error, orderId, paymentId }, 'reconciliation record not stored; see this log line'));
  }

  onApplicationBootstrap(): void {
    this.retries.start();
    this.retries.wake();
  }

  onApplicationShutdown(): void {
    this.retries.stop();
  }

  private async retryReleases(): Promise<JobOutcome> {
    try {
      const { rows } = await this.pool.query<{ order_id: string }>(`SELECT order_id FROM pending_releases ORDER BY created_at LIMIT ${BATCH}`);
      for (const { order_id: orderId } of rows) {
        await this.downstream.release(orderId);
        await this.pool.query('DELETE FROM pending_releases WHERE order_id = $1', [orderId]);
        this.logger.log({ orderId }, 'deferred reservation released');
      }
      return rows.length === BATCH ? 'more' : 'done';
    } catch {
      return 'retry'; // inventory or the database still away
    }
  }
}
