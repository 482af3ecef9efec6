import { readdir } from 'node:fs/promises';
import { extname } from 'node:path';
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
  const migrationsTable = `pgmigrations_${service.replace(/[^a-z0-9]/gi, '_')}`;
  // An ES module stays in memory once imported (about 6 MB per process with jiti): a start
  // with nothing to apply, every start but the first, does without node-pg-migrate.
  if (await allApplied(pool, migrationsTable, dir)) return [];
  const { runner } = (await import('node-pg-migrate')) as typeof import('node-pg-migrate');
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${service}`]);
    const applied = await runner({
      dbClient: client,
      dir,
      direction: 'up',
      migrationsTable,
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

/**
 * True when node-pg-migrate would find nothing to do: the table lists every file of `dir`, in the
 * files' order (its order check). Anything else, a missing table included, goes to the runner.
 */
export async function allApplied(pool: Pool, migrationsTable: string, dir: string): Promise<boolean> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.'))
    .map((entry) => entry.name.slice(0, entry.name.length - extname(entry.name).length))
    .sort(byNumericPrefix);
  const table = `"public"."${migrationsTable}"`; // where node-pg-migrate keeps it
  const { rows } = await pool.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [table]);
  if (!rows[0].exists) return false;
  const applied = await pool.query<{ name: string }>(`SELECT name FROM ${table} ORDER BY run_on, id`);
  return files.every((name, i) => applied.rows[i]?.name === name);
}

/** node-pg-migrate's file order: the numeric (timestamp) prefix first, then the name. */
function byNumericPrefix(a: string, b: string): number {
  const prefix = (name: string) => Number(/^\d+/.exec(name)?.[0] ?? NaN);
  return prefix(a) - prefix(b) || a.localeCompare(b, undefined, { numeric: true });
}
