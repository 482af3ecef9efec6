import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Pool } from '@tracelab/db';
import { FaultWatcher, PG_POOL } from '@tracelab/service-kit';
import { INDEX_NAME } from './risk-policy';

const LOCK = "hashtext('seed:customer_risk')";

/**
 * The index on customer_risk, and the slow-query fault that removes it for real (DROP INDEX),
 * so Postgres falls back to a sequential scan over millions of rows. Turning the fault off
 * rebuilds it. Shares the seeder's lock, so it never races the first seed.
 */
@Injectable()
export class RiskIndex implements OnModuleInit {
  private readonly logger = new Logger(RiskIndex.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(FaultWatcher) private readonly faults: FaultWatcher,
  ) {}

  /** Whether the index should exist now. */
  get wanted(): boolean {
    return !this.faults.isOn('slow-query');
  }

  onModuleInit(): void {
    this.faults.on('slow-query', () => this.reconcile());
  }

  /** Creates or drops the index to match the fault switch; `client` when the caller holds the lock. */
  async reconcile(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(${LOCK})`);
      const seeded = await client.query('SELECT 1 FROM customer_risk_seed');
      if (!seeded.rowCount) return; // the seeder builds it (or not) when it finishes
      if (this.wanted) {
        const started = Date.now();
        const created = await client.query(`SELECT 1 FROM pg_indexes WHERE indexname = '${INDEX_NAME}'`);
        if (created.rowCount) return;
        await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS ${INDEX_NAME} ON customer_risk (customer_id)`);
        this.logger.log(`slow-query off: index ${INDEX_NAME} rebuilt in ${Date.now() - started} ms`);
      } else {
        const dropped = await client.query(`SELECT 1 FROM pg_indexes WHERE indexname = '${INDEX_NAME}'`);
        if (!dropped.rowCount) return;
        await client.query(`DROP INDEX IF EXISTS ${INDEX_NAME}`);
        this.logger.warn(`slow-query on: index ${INDEX_NAME} dropped, risk lookups now scan the table`);
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK})`).catch(() => undefined);
      client.release();
    }
  }
}
