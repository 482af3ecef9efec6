import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from '@tracelab/db';
import { PG_POOL } from '@tracelab/service-kit';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface KeyRecord {
  requestHash: string;
  orderId: string;
  state: 'running' | 'unknown' | 'done';
  answer?: StoredAnswer;
  /** ms since the record last changed */
  ageMs: number;
}

/** Idempotency-Key records of POST /orders, in the gateway's table. */
@Injectable()
export class IdempotencyStore {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Claims the key for a new request; false when it is already taken. */
  async claim(key: string, requestHash: string, orderId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO idempotency_keys (key, request_hash, order_id, state) VALUES ($1, $2, $3, 'running') ON CONFLICT (key) DO NOTHING`,
      [key, requestHash, orderId],
    );
    return rowCount === 1;
  }

  async find(key: string): Promise<KeyRecord | undefined> {
    const { rows } = await this.pool.query<{ request_hash: string; order_id: string; state: KeyRecord['state']; status: number | null; body: unknown; age_ms: number }>(
      `SELECT request_hash, order_id, state, status, body, (extract(epoch FROM now() - updated_at) * 1000)::int AS age_ms
       FROM idempotency_keys WHERE key = $1`,
      [key],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      requestHash: row.request_hash,
      orderId: row.order_id,
      state: row.state,
      answer: row.status === null ? undefined : { status: row.status, body: row.body },
      ageMs: row.age_ms,
    };
  }

  /** Takes over a key whose first request ended without an answer; false if someone else did. */
  async retake(key: string, ageMs: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE idempotency_keys SET state = 'running', updated_at = now()
       WHERE key = $1 AND (state = 'unknown' OR (state = 'running' AND updated_at <= now() - make_interval(secs => $2::float / 1000)))`,
      [key, ageMs],
    );
    return rowCount === 1;
  }

  async finish(key: string, answer: StoredAnswer): Promise<void> {
    await this.pool.query(`UPDATE idempotency_keys SET state = 'done', status = $2, body = $3, updated_at = now() WHERE key = $1`, [
      key,
      answer.status,
      JSON.stringify(answer.body),
    ]);
  }

  async markUnknown(key: string): Promise<void> {
    await this.pool.query(`UPDATE idempotency_keys SET state = 'unknown', updated_at = now() WHERE key = $1`, [key]);
  }

  /** The order certainly did not happen: the key is free for a new attempt. */
  async release(key: string): Promise<void> {
    await this.pool.query('DELETE FROM idempotency_keys WHERE key = $1', [key]);
  }
}
