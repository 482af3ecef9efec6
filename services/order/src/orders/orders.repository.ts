import { Inject, Injectable } from '@nestjs/common';
import { type Pool, withTransaction } from '@tracelab/db';
import { PG_POOL } from '@tracelab/service-kit';
import type { NewOrder, OrderEvent, OrderView, OutboxEntry } from './order.types';

const UNDEFINED_TABLE = '42P01';

@Injectable()
export class OrdersRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Stores the order and its event in one transaction, retried once on a fresh connection if
   * the connection is lost. Idempotent: an order already stored (a lost COMMIT answer, a retry)
   * is left as it is and its event's id returned with `fresh: false`.
   */
  save(order: NewOrder, routingKey: string, event: OrderEvent, carrier: Record<string, string>): Promise<{ outboxId: string; fresh: boolean }> {
    return withTransaction(this.pool, async (client) => {
      const inserted = await client.query(
        `INSERT INTO orders (id, customer_id, status, failure_reason, total_cents, payment_id, card_last4, trace_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [order.id, order.customerId, order.status, order.failureReason, order.totalCents, order.paymentId, order.cardLast4, order.traceId],
      );
      if (inserted.rowCount === 0) {
        const { rows } = await client.query<{ id: string }>('SELECT id FROM outbox WHERE order_id = $1 ORDER BY id LIMIT 1', [order.id]);
        return { outboxId: rows[0]!.id, fresh: false };
      }
      await client.query(
        `INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[])`,
        [order.id, order.items.map((i) => i.sku), order.items.map((i) => i.quantity), order.items.map((i) => i.unitPriceCents)],
      );
      const { rows } = await client.query<{ id: string }>(
        'INSERT INTO outbox (order_id, routing_key, payload, trace_carrier) VALUES ($1, $2, $3, $4) RETURNING id',
        [order.id, routingKey, event, carrier],
      );
      return { outboxId: rows[0]!.id, fresh: true };
    });
  }

  async markPublished(outboxId: string): Promise<void> {
    await this.pool.query('UPDATE outbox SET published_at = now() WHERE id = $1', [outboxId]);
  }

  /** Events whose immediate publish failed (broker down, crash), oldest first. */
  async unpublished(olderThanMs: number, limit: number): Promise<OutboxEntry[]> {
    const { rows } = await this.pool.query<OutboxEntry>(
      `SELECT id, routing_key AS "routingKey", payload, trace_carrier AS carrier FROM outbox
       WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1::float / 1000)
       ORDER BY created_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows;
  }

  async recent(limit: number): Promise<{ orderId: string; status: string; totalCents: number; traceId: string | null; createdAt: string }[]> {
    const { rows } = await this.pool.query<{ orderId: string; status: string; totalCents: number; traceId: string | null; createdAt: Date }>(
      `SELECT id AS "orderId", status, total_cents AS "totalCents", trace_id AS "traceId", created_at AS "createdAt"
       FROM orders ORDER BY created_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  async findById(id: string): Promise<OrderView | undefined> {
    const { rows } = await this.pool.query<Omit<OrderView, 'items' | 'notification' | 'payment'> & { paymentId: string | null; cardLast4: string | null }>(
      `SELECT id AS "orderId", customer_id AS "customerId", status, failure_reason AS "failureReason",
              total_cents AS "totalCents", payment_id AS "paymentId", card_last4 AS "cardLast4",
              trace_id AS "traceId", created_at AS "createdAt"
       FROM orders WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    const items = await this.pool.query(
      'SELECT sku, quantity, unit_price_cents AS "unitPriceCents" FROM order_items WHERE order_id = $1 ORDER BY sku',
      [id],
    );
    const { paymentId, cardLast4, ...order } = row;
    return {
      ...order,
      createdAt: new Date(order.createdAt).toISOString(),
      items: items.rows,
      payment: paymentId ? { id: paymentId, cardLast4 } : null,
      notification: await this.notificationOf(id),
    };
  }

  /** Read from the notification service's table: the confirmation it recorded, if any. */
  private async notificationOf(orderId: string): Promise<OrderView['notification']> {
    try {
      const { rows } = await this.pool.query<{ sent_at: Date }>('SELECT sent_at FROM notifications WHERE order_id = $1', [orderId]);
      return { sent: rows.length > 0, sentAt: rows[0] ? rows[0].sent_at.toISOString() : null };
    } catch (error) {
      if ((error as { code?: string }).code === UNDEFINED_TABLE) return { sent: false, sentAt: null };
      throw error;
    }
  }
}
