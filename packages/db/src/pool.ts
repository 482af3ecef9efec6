import { Pool } from 'pg';

export type { Pool };

export function createPool(connectionString: string, applicationName: string, max = 10): Pool {
  const pool = new Pool({
    connectionString,
    application_name: applicationName,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30000,
  });
  // A client losing its connection (a killed backend, a restart) emits 'error'. Unheard, that
  // ends the process: idle clients are handled by the pool, checked-out ones by this listener.
  // Their pending query fails on its own and the caller decides (503 or a retry).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export async function pingDatabase(pool: Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
