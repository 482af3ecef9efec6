import { Inject, Injectable } from '@nestjs/common';
import { type Pool, retryOnConnectionLoss } from '@tracelab/db';
import { PG_POOL } from '@tracelab/service-kit';
import type { NewOrder, OrderEvent, OrderView, OutboxEntry } from './order.types';

const UNDEFINED_TABLE = '42P01';

/** The order, its lines and its outbox event; an order stored before returns its event instead. */
const SAVE_ORDER = `WITH saved AS (
  INSERT INTO orders (id, customer_id, status, failure_reason, total_cents, payment_id, card_last4, trace_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id
), lines AS (
  INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
  SELECT saved.id, l.* FROM saved, unnest($9::text[], $10::int[], $11::int[]) AS l
), event AS (
  INSERT INTO outbox (order_id, routing_key, payload, trace_carrier) SELECT id, $12, $13, $14 FROM saved RETURNING id
)
SELECT id, true AS fresh FROM event
UNION ALL
(SELECT id, false FROM outbox WHERE order_id = $1 AND NOT EXISTS (SELECT 1 FROM saved) ORDER BY id LIMIT 1)`;

@Injectable()
export class OrdersRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Stores the order, its lines and its event in one statement (atomic by itself, one round trip),
   * run once more on a fresh connection if the connection is lost. Idempotent: an order already
   * stored (a lost answer, a retry) is left as it is and its event's id returned with `fresh: false`.
   */
  async save(order: NewOrder, routingKey: string, event: OrderEvent, carrier: Record<string, string>): Promise<{ outboxId: string; fresh: boolean }> {
    const values = [
      order.id,
      order.customerId,
      order.status,
      order.failureReason,
      order.totalCents,
      order.paymentId,
      order.cardLast4,
      order.traceId,
      order.items.map((i) => i.sku),
      order.items.map((i) => i.quantity),
      order.items.map((i) => i.unitPriceCents),
      routingKey,
      event,
      carrier,
    ];
    const { rows } = await retryOnConnectionLoss(() =>
      this.pool.query<{ id: string; fresh: boolean }>({ name: 'order-save', text: SAVE_ORDER, values }),
    );
    if (rows[0]) return { outboxId: rows[0].id, fresh: rows[0].fresh };
    // Stored by a concurrent statement that committed after this one's snapshot was taken.
    const stored = await this.pool.query<{ id: string }>('SELECT id FROM outbox WHERE order_id = $1 ORDER BY id LIMIT 1', [order.id]);
    return { outboxId: stored.rows[0]!.id, fresh: false };
  }

  async markPublished(outboxIds: string[]): Promise<void> {
    await this.pool.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[]) AND published_at IS NULL', [outboxIds]);
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
