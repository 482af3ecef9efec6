// The target's six services, on a RabbitMQ vhost of the benchmark's own, with the target's own
// benchmark database restocked (kept between runs: its first start seeds two million risk rows).
import { createRequire } from 'node:module';

const pg = createRequire(import.meta.url)('pg');

/** What `pnpm db:reset` does: stock back to its seed, no open reservation (a fresh database has no tables yet). */
async function restock(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch {
    return; // not created yet: the services create and seed it
  }
  try {
    await client.query('UPDATE products SET stock = seed_stock WHERE stock <> seed_stock');
    await client.query('DELETE FROM reservations');
  } catch {
    // not migrated yet
  } finally {
    await client.end();
  }
}

/** Starts `target`'s stack with `env`, runs `fn(stack)`, stops it. */
export async function withStack(target, config, env, fn) {
  await restock(target.databaseUrl);
  const stack = await target.localStack.startStack({
    portOffset: config.portOffset,
    env: { DATABASE_URL: target.databaseUrl, AMQP_URL: target.localStack.ensureVhost(config.vhost), LOG_LEVEL: 'warn', NODE_OPTIONS: config.nodeOptions, ...config.allocatorEnv, ...env },
    readyTimeoutMs: 300000,
  });
  try {
    return await fn(stack);
  } finally {
    await stack.stop();
  }
}
