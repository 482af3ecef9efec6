import type { Pool, PoolClient } from 'pg';

const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

/** The database connection was lost or refused: nothing in the query itself was wrong. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return /Connection terminated|connection error and is not queryable|Client was closed|timeout exceeded when trying to connect/i.test(
    String((error as Error)?.message ?? ''),
  );
}

/**
 * Runs `work` in one transaction. A client whose connection broke is destroyed, not returned to
 * the pool. When the connection is lost, the whole transaction runs once more on a fresh one:
 * `work` must be idempotent (a lost COMMIT may have committed).
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, { retries = 1 } = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      const lost = isConnectionError(error);
      if (lost) broken = error as Error;
      else await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      if (!lost || attempt >= retries) throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * Runs one statement (auto-committed by itself), once more when the connection is lost: `work`
 * must be idempotent, since a lost answer may come from a statement that committed.
 */
export async function retryOnConnectionLoss<T>(work: () => Promise<T>, { retries = 1 } = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error) || attempt >= retries) throw error;
    }
  }
}
