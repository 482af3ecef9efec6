import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Pool, withTransaction } from '@tracelab/db';
import { APP_CONFIG, FaultWatcher, PG_POOL } from '@tracelab/service-kit';
import { currentTraceId, inSpan } from '@tracelab/telemetry';
import type { NotificationConfig } from '../config';
import type { OrderConfirmedEvent } from './order-confirmed.event';

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: NotificationConfig,
    @Inject(FaultWatcher) private readonly faults: FaultWatcher,
  ) {}

  /**
   * "Sends" the confirmation e-mail at most once per order: the record is claimed first, in a
   * transaction held while sending, so a redelivered or duplicate event finds it and sends
   * nothing; a failed send rolls the claim back and the redelivery sends it.
   */
  sendConfirmation(event: OrderConfirmedEvent): Promise<void> {
    return inSpan('notification.send', { 'shop.order.id': event.orderId, 'shop.notification.channel': 'email' }, async (span) => {
      const sent = await withTransaction(
        this.pool,
        async (client) => {
          const claimed = await client.query(
            `INSERT INTO notifications (order_id, customer_id, channel, trace_id) VALUES ($1, $2, 'email', $3)
             ON CONFLICT (order_id) DO NOTHING`,
            [event.orderId, event.customerId, currentTraceId() ?? null],
          );
          if (claimed.rowCount === 0) return false;
          const backlog = this.faults.paramsIfOn<{ delayMs: number }>('queue-backlog');
          await sleep(this.config.NOTIFY_LATENCY_MS + (backlog?.delayMs ?? 0));
          return true;
        },
        // A lost connection after the send would send twice on a retry: leave it to the redelivery.
        { retries: 0 },
      );
      span.setAttribute('shop.notification.duplicate', !sent);
      this.logger.log({ orderId: event.orderId, channel: 'email' }, sent ? 'order confirmation sent' : 'order confirmation already sent: duplicate event ignored');
    });
  }
}
