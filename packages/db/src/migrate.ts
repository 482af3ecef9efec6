import type { Pool } from 'pg';

export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Applies a service's SQL migrations. Each service has its own migrations table and its own
 * advisory lock, so the six services can start together against one database.
 */
export async function migrate(pool: Pool, service: string, dir: string, logger: MigrationLogger): Promise<string[]> {
  // node-pg-migrate is ESM-only and needed once at start-up: loaded here, not with the module.
  const { runner } = (await import('node-pg-migrate')) as typeof import('node-pg-migrate');
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${service}`]);
    const applied = await runner({
      dbClient: client,
      dir,
      direction: 'up',
      migrationsTable: `pgmigrations_${service.replace(/[^a-z0-9]/gi, '_')}`,
      noLock: true,
      checkOrder: true,
      logger: { info: logger.info, warn: logger.warn, error: logger.error, debug: () => undefined },
    });
    return applied.map((migration) => migration.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${service}`]).catch(() => undefined);
    client.release();
  }
}
