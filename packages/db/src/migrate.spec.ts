import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allApplied } from './migrate';
import { createPool } from './pool';

// Real Postgres: a table shaped like node-pg-migrate's, filled the way its runner fills it.
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('allApplied (whether node-pg-migrate has anything to do)', () => {
  const pool = createPool(URL, 'tracelab-migrate-spec', 2);
  const table = `pgmigrations_spec_${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'migrate-spec-'));
  const file = (name: string) => writeFileSync(join(dir, name), 'SELECT 1;');
  const recordRun = (name: string) => pool.query(`INSERT INTO ${table} (name, run_on) VALUES ($1, now())`, [name]);

  beforeAll(() => {
    file('1732170000000_first.sql');
    file('1733150000000_second.sql');
    file('.hidden-editor-file');
  });
  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is false before the migrations table exists', async () => {
    expect(await allApplied(pool, table, dir)).toBe(false);
  });

  it('is false while a file has not run, and true once every file has, in order', async () => {
    await pool.query(`CREATE TABLE ${table} (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)`);
    await recordRun('1732170000000_first');
    expect(await allApplied(pool, table, dir)).toBe(false);
    await recordRun('1733150000000_second');
    expect(await allApplied(pool, table, dir)).toBe(true);
  });

  it('is false when a new file comes, even one sorted before those already run', async () => {
    file('1732000000000_older.sql');
    expect(await allApplied(pool, table, dir)).toBe(false);
    rmSync(join(dir, '1732000000000_older.sql'));
    file('1734000000000_third.sql');
    expect(await allApplied(pool, table, dir)).toBe(false);
    rmSync(join(dir, '1734000000000_third.sql'));
    expect(await allApplied(pool, table, dir)).toBe(true);
  });
});
