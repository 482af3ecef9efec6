import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type * as inventory from '@tracelab/contracts/inventory';
import { type Pool, type PoolClient, withTransaction } from '@tracelab/db';
import { FaultWatcher, PG_POOL } from '@tracelab/service-kit';
import { inSpan } from '@tracelab/telemetry';
import { CATALOGUE } from './catalogue';
import { CallerGoneError, OutOfStockError, UnknownSkuError } from './inventory.errors';

/** check_violation (stock below zero), not_null_violation (no price: unknown SKU), foreign_key_violation. */
const NOT_RESERVABLE = new Set(['23514', '23502', '23503']);

interface ReservedLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** Sums quantities per SKU so an order listing a SKU twice reserves it once. */
function mergeLines(items: inventory.LineItem[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const item of items) lines.set(item.sku, (lines.get(item.sku) ?? 0) + item.quantity);
  return lines;
}

@Injectable()
export class InventoryService implements OnModuleInit {
  private readonly logger = new Logger(InventoryService.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(FaultWatcher) private readonly faults: FaultWatcher,
  ) {}

  async onModuleInit(): Promise<void> {
    const inserted = await this.pool.query(
      `INSERT INTO products (sku, name, price_cents, stock, seed_stock)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $4::int[])
       ON CONFLICT (sku) DO NOTHING`,
      [
        CATALOGUE.map((p) => p.sku),
        CATALOGUE.map((p) => p.name),
        CATALOGUE.map((p) => p.priceCents),
        CATALOGUE.map((p) => p.stock),
      ],
    );
    if (inserted.rowCount) this.logger.log(`seeded ${inserted.rowCount} products`);
  }

  async listProducts(): Promise<inventory.Product[]> {
    const { rows } = await this.pool.query<inventory.Product>(
      'SELECT sku, name, price_cents AS "priceCents", stock FROM products ORDER BY sku',
    );
    return rows;
  }

  /**
   * Reserves every line, or none. Idempotent per order: a retry (after a lost connection, or the
   * same order placed again) gets the reservation already made. Past the caller's deadline nothing
   * is reserved.
   */
  reserve(request: inventory.ReserveRequest, deadline?: number): Promise<inventory.ReserveResponse> {
    const lines = mergeLines(request.items);
    const onePerItem = this.faults.isOn('n-plus-one');
    const attributes = { 'shop.order.id': request.orderId, 'shop.order.item_count': lines.size, ...(onePerItem ? { 'shop.fault.name': 'n-plus-one' } : {}) };
    return inSpan('inventory.reserve', attributes, async () => {
      if (deadline !== undefined && Date.now() >= deadline) throw new CallerGoneError();
      const rows = onePerItem ? await this.reserveEachItemInTransaction(request.orderId, lines, deadline) : await this.reserveAll(request.orderId, lines, deadline);
      const totalCents = rows.reduce((sum, r) => sum + r.quantity * r.unitPriceCents, 0);
      this.logger.log({ orderId: request.orderId, items: lines.size, totalCents }, 'stock reserved');
      return { lines: rows, totalCents };
    });
  }

  /**
   * One statement, so one round trip and no transaction: stock, reservation and the idempotency
   * check commit together or not at all. A line that cannot be reserved aborts the statement
   * through the tables' own constraints: stock below zero breaks `stock >= 0`, an unknown SKU leaves
   * its price NULL. The deadline is checked again where the rows are locked.
   */
  private async reserveAll(orderId: string, lines: Map<string, number>, deadline?: number): Promise<ReservedLine[]> {
    try {
      const { rows } = await this.pool.query<ReservedLine>({
        name: 'inventory-reserve',
        text: `WITH existing AS (
           SELECT sku, quantity, unit_price_cents FROM reservations WHERE order_id = $1 AND released_at IS NULL
         ), wanted AS (
           SELECT * FROM unnest($2::text[], $3::int[]) AS w(sku, quantity)
         ), taken AS (
           UPDATE products p SET stock = p.stock - w.quantity FROM wanted w
           WHERE p.sku = w.sku AND NOT EXISTS (SELECT 1 FROM existing)
             AND ($4::float8 IS NULL OR clock_timestamp() < to_timestamp($4::float8 / 1000))
           RETURNING p.sku, p.price_cents
         ), booked AS (
           INSERT INTO reservations (order_id, sku, quantity, unit_price_cents)
           SELECT $1, w.sku, w.quantity, t.price_cents FROM wanted w LEFT JOIN taken t USING (sku)
           WHERE NOT EXISTS (SELECT 1 FROM existing)
           RETURNING sku, quantity, unit_price_cents
         )
         SELECT sku, quantity, unit_price_cents AS "unitPriceCents" FROM booked
         UNION ALL SELECT sku, quantity, unit_price_cents FROM existing
         ORDER BY sku`,
        values: [orderId, [...lines.keys()], [...lines.values()], deadline ?? null],
      });
      return rows;
    } catch (error) {
      if (!NOT_RESERVABLE.has((error as { code?: string }).code ?? '')) throw error;
      if (deadline !== undefined && Date.now() >= deadline) throw new CallerGoneError();
      throw await this.whyNotReserved(lines);
    }
  }

  /** The n-plus-one fault keeps the shape an ORM loop produces: a transaction, two queries per line. */
  private reserveEachItemInTransaction(orderId: string, lines: Map<string, number>, deadline?: number): Promise<ReservedLine[]> {
    return withTransaction(this.pool, async (client) => {
      const existing = await this.existingReservation(client, orderId);
      if (existing.length > 0) return existing;
      const reserved = await this.reserveEachItem(client, orderId, lines);
      if (!reserved) throw await this.whyNotReserved(lines); // rolled back
      // Committed only while the caller still waits: a late commit would hold stock nobody releases.
      if (deadline !== undefined && Date.now() >= deadline) throw new CallerGoneError();
      return reserved;
    });
  }

  private async existingReservation(client: PoolClient, orderId: string): Promise<ReservedLine[]> {
    const { rows } = await client.query<ReservedLine>(
      'SELECT sku, quantity, unit_price_cents AS "unitPriceCents" FROM reservations WHERE order_id = $1 AND released_at IS NULL ORDER BY sku',
      [orderId],
    );
    return rows;
  }

  /** Two queries per line, the shape an ORM loop produces. */
  private async reserveEachItem(client: PoolClient, orderId: string, lines: Map<string, number>): Promise<ReservedLine[] | undefined> {
    const reserved: ReservedLine[] = [];
    for (const [sku, quantity] of lines) {
      const { rows } = await client.query<{ unitPriceCents: number }>(
        'UPDATE products SET stock = stock - $2 WHERE sku = $1 AND stock >= $2 RETURNING price_cents AS "unitPriceCents"',
        [sku, quantity],
      );
      if (!rows[0]) return undefined;
      await client.query('INSERT INTO reservations (order_id, sku, quantity, unit_price_cents) VALUES ($1, $2, $3, $4)', [
        orderId,
        sku,
        quantity,
        rows[0].unitPriceCents,
      ]);
      reserved.push({ sku, quantity, unitPriceCents: rows[0].unitPriceCents });
    }
    return reserved;
  }

  /** Gives back the stock of an order's reservation; idempotent. */
  release(request: inventory.ReleaseRequest): Promise<inventory.ReleaseResponse> {
    return inSpan('inventory.release', { 'shop.order.id': request.orderId }, () =>
      withTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ sku: string; quantity: number }>(
          `UPDATE reservations SET released_at = now()
           WHERE order_id = $1 AND released_at IS NULL RETURNING sku, quantity`,
          [request.orderId],
        );
        await client.query(
          `UPDATE products p SET stock = p.stock + r.quantity
           FROM unnest($1::text[], $2::int[]) AS r(sku, quantity) WHERE p.sku = r.sku`,
          [rows.map((r) => r.sku), rows.map((r) => r.quantity)],
        );
        return { released: rows.length > 0 };
      }),
    );
  }

  private async whyNotReserved(lines: Map<string, number>): Promise<Error> {
    const { rows } = await this.pool.query<{ sku: string; stock: number }>(
      'SELECT sku, stock FROM products WHERE sku = ANY($1::text[])',
      [[...lines.keys()]],
    );
    const stock = new Map(rows.map((r) => [r.sku, r.stock]));
    const unknown = [...lines.keys()].filter((sku) => !stock.has(sku));
    if (unknown.length > 0) return new UnknownSkuError(unknown);
    return new OutOfStockError(
      [...lines]
        .filter(([sku, requested]) => (stock.get(sku) ?? 0) < requested)
        .map(([sku, requested]) => ({ sku, requested, available: stock.get(sku) ?? 0 })),
    );
  }
}
