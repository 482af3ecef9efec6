#!/usr/bin/env node
// `pnpm db:reset`: restores the seed data after load runs and labs: every product's stock back
// to its seeded amount, open reservations dropped, the fraud-risk index back in place.
// Orders and notifications are history and are kept. Uses DATABASE_URL like the services.
import pg from 'pg';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tracelab';
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  await client.query('BEGIN');
  const stock = await client.query('UPDATE products SET stock = seed_stock WHERE stock <> seed_stock');
  const reservations = await client.query('DELETE FROM reservations');
  await client.query('COMMIT');
  await client.query('CREATE UNIQUE INDEX IF NOT EXISTS customer_risk_customer_id_idx ON customer_risk (customer_id)');
  console.log(`db:reset on ${new URL(url).pathname.slice(1)}: ${stock.rowCount} products restocked, ${reservations.rowCount} reservations cleared, risk index in place`);
} catch (error) {
  console.error(`db:reset failed: ${error.message} (is the stack migrated? start it once with pnpm start:local)`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => undefined);
}
