import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Pool, PoolClient } from '@tracelab/db';
import { APP_CONFIG, HealthRegistry, PG_POOL } from '@tracelab/service-kit';
import type { FraudConfig } from '../config';
import { RiskIndex } from './risk-index';
import { customerIdSql, HIGH_RISK_CUSTOMERS, INDEX_NAME } from './risk-policy';

const BATCH = 250_000;

/**
 * Fills customer_risk once (FRAUD_RISK_ROWS rows, in batches with progress), then builds the
 * index. The service reports not-ready until the table and its index are there.
 */
@Injectable()
export class RiskSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(RiskSeeder.name);
  private ready = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: FraudConfig,
    private readonly index: RiskIndex,
    health: HealthRegistry,
  ) {
    health.register('risk-table', () => this.ready);
  }

  onApplicationBootstrap(): void {
    // In the background: the HTTP server answers /healthz (503) while the seed runs.
    this.seed().then(
      () => {
        this.ready = true;
      },
      (error: unknown) => {
        this.logger.error({ err: error }, 'seeding customer_risk failed');
        process.exit(1);
      },
    );
  }

  private async seed(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtext('seed:customer_risk'))");
      const rows = this.config.FRAUD_RISK_ROWS;
      const { rows: done } = await client.query<{ row_count: number }>('SELECT row_count FROM customer_risk_seed');
      if (done[0]?.row_count !== rows) await this.fill(client, rows);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('seed:customer_risk'))").catch(() => undefined);
      client.release();
    }
    // The index exists unless the slow-query fault is on.
    await this.index.reconcile();
  }

  private async fill(client: PoolClient, rows: number): Promise<void> {
    this.logger.log(`seeding customer_risk with ${rows.toLocaleString('en')} rows (first start only)`);
    const started = Date.now();
    await client.query('DELETE FROM customer_risk_seed');
    // Bulk insert first, index after: much faster.
    await client.query(`DROP INDEX IF EXISTS ${INDEX_NAME}`);
    await client.query('TRUNCATE customer_risk');
    for (let from = 1; from <= rows; from += BATCH) {
      const to = Math.min(rows, from + BATCH - 1);
      await client.query(
        `INSERT INTO customer_risk (customer_id, risk_score, segment, profile)
         SELECT ${customerIdSql('n')},
                ((n * 7919) % 1000) / 2000.0,
                (ARRAY['new', 'regular', 'loyal'])[1 + n % 3],
                md5(n::text) || md5((n * 31)::text)
         FROM generate_series($1::bigint, $2::bigint) AS n`,
        [from, to],
      );
      this.logger.log(`customer_risk: ${to.toLocaleString('en')} / ${rows.toLocaleString('en')} rows`);
    }
    await client.query(`UPDATE customer_risk SET risk_score = 0.97, segment = 'watchlist' WHERE customer_id = ANY($1)`, [
      HIGH_RISK_CUSTOMERS,
    ]);
    // Without this, the first scans after the seed set hint bits on every page and autovacuum later
    // rewrites the whole table: both land in the slow-query lesson's scans (seconds, not 150 ms).
    await client.query('VACUUM (FREEZE, ANALYZE) customer_risk');
    await client.query('INSERT INTO customer_risk_seed (row_count) VALUES ($1)', [rows]);
    this.logger.log(`customer_risk seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
