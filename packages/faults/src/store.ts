import { join } from 'node:path';
import { migrate, type MigrationLogger, type Pool } from '@tracelab/db';
import { defaultParams, FAULTS, type FaultName, parseParams } from './catalogue';

export interface FaultState {
  name: FaultName;
  enabled: boolean;
  params: Record<string, unknown>;
  updatedAt: string;
}

export type LabState = 'idle' | 'started' | 'passed' | 'failed';

export interface LabRecord {
  name: string;
  state: LabState;
  detail: string | null;
  updatedAt: string;
}

export const FAULTS_MIGRATIONS = join(__dirname, '..', 'migrations');

/** Creates the tables (once, whichever service starts first) and a row per fault. */
export async function prepareFaultTables(pool: Pool, logger: MigrationLogger): Promise<void> {
  await migrate(pool, 'faults', FAULTS_MIGRATIONS, logger);
  await addMissingFaultRows(pool);
}

/** A row, off and with default params, for each fault in the catalogue that has none yet. */
export async function addMissingFaultRows(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO faults (name, params) SELECT name, params FROM jsonb_to_recordset($1::jsonb) AS f(name text, params jsonb)
     ON CONFLICT (name) DO NOTHING`,
    [JSON.stringify(FAULTS.map((f) => ({ name: f.name, params: defaultParams(f.name) })))],
  );
}

interface FaultRow {
  name: FaultName;
  enabled: boolean;
  params: Record<string, unknown>;
  updated_at: Date;
}

/** A stored row with every param the fault has (defaults for those not stored). */
function toState(row: FaultRow): FaultState {
  return { name: row.name, enabled: row.enabled, params: { ...defaultParams(row.name), ...row.params }, updatedAt: row.updated_at.toISOString() };
}

export class FaultStore {
  constructor(private readonly pool: Pool) {}

  async list(): Promise<FaultState[]> {
    const { rows } = await this.pool.query<FaultRow>('SELECT name, enabled, params, updated_at FROM faults ORDER BY name');
    return rows.filter((r) => FAULTS.some((f) => f.name === r.name)).map(toState);
  }

  /** Switches a fault; `params` (validated) replace the stored ones when given. */
  async set(name: FaultName, enabled: boolean, params?: unknown): Promise<FaultState> {
    const parsed = params === undefined ? undefined : parseParams(name, params);
    const { rows } = await this.pool.query<FaultRow>(
      `UPDATE faults SET enabled = $2, params = COALESCE($3::jsonb, params), updated_at = now()
       WHERE name = $1 RETURNING name, enabled, params, updated_at`,
      [name, enabled, parsed === undefined ? null : JSON.stringify(parsed)],
    );
    return toState(rows[0]!);
  }

  /** Every fault off, with its default params back. */
  async reset(): Promise<void> {
    await this.pool.query(
      `UPDATE faults f SET enabled = false, params = d.params, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS d(name text, params jsonb)
       WHERE f.name = d.name AND (f.enabled OR f.params <> d.params)`,
      [JSON.stringify(FAULTS.map((f) => ({ name: f.name, params: defaultParams(f.name) })))],
    );
  }

  async labs(): Promise<LabRecord[]> {
    const { rows } = await this.pool.query<{ name: string; state: LabState; detail: string | null; updated_at: Date }>(
      'SELECT name, state, detail, updated_at FROM labs ORDER BY name',
    );
    return rows.map((r) => ({ name: r.name, state: r.state, detail: r.detail, updatedAt: r.updated_at.toISOString() }));
  }

  async setLab(name: string, state: LabState, detail: string | null): Promise<LabRecord> {
    const { rows } = await this.pool.query<{ updated_at: Date }>(
      `INSERT INTO labs (name, state, detail) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, detail = EXCLUDED.detail, updated_at = now()
       RETURNING updated_at`,
      [name, state, detail],
    );
    return { name, state, detail, updatedAt: rows[0]!.updated_at.toISOString() };
  }
}
