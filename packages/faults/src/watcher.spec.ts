import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPool, ensureDatabase, PgListener } from '@tracelab/db';
import { Client } from 'pg';
import { addMissingFaultRows, FAULTS_MIGRATIONS, FaultStore, type FaultState } from './store';
import { FaultWatcher } from './watcher';

// Real Postgres: a database of this spec's own, with the faults table and its trigger migrated in.
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = `tracelab_faults_spec_${process.pid}`;
const url = (database: string) => Object.assign(new URL(SERVER), { pathname: `/${database}` }).toString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FaultWatcher: switches pushed over LISTEN/NOTIFY', () => {
  const pool = createPool(url(DB), 'tracelab-faults-spec', 3);
  const admin = new Client({ connectionString: url(DB) });
  const store = new FaultStore(pool);
  const started: { watcher: FaultWatcher; listener: PgListener }[] = [];

  /** A service's view: its own LISTEN connection and watcher. */
  async function startWatcher(): Promise<{ watcher: FaultWatcher; listener: PgListener }> {
    const listener = new PgListener({ connectionString: url(DB), applicationName: 'tracelab-faults-spec:listen', minBackoffMs: 50 });
    await listener.start();
    const watcher = new FaultWatcher(pool, listener);
    await watcher.start();
    started.push({ watcher, listener });
    return { watcher, listener };
  }

  /** Resolves with the time the next change of `name` reaches the watcher (the state at subscription excluded). */
  function nextChange(watcher: FaultWatcher, name: 'n-plus-one' | 'queue-backlog'): Promise<{ at: number; state: FaultState }> {
    return new Promise((resolve) => {
      let current = true;
      watcher.on(name, (state) => {
        if (current) current = false;
        else resolve({ at: Date.now(), state });
      });
    });
  }

  /**
   * Every statement another connection to the database starts during `ms`, as seen by sampling
   * pg_stat_activity (live, unlike the statistics counters, which lag by up to 10 s).
   */
  async function statementsDuring(ms: number): Promise<string[]> {
    const since = (await admin.query('SELECT clock_timestamp() AS t')).rows[0].t as Date;
    const seen = new Map<string, string>();
    for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) {
      const { rows } = await admin.query(
        `SELECT pid, query_start, query FROM pg_stat_activity
         WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND query_start > $2`,
        [DB, since],
      );
      for (const row of rows) seen.set(`${row.pid}@${(row.query_start as Date).getTime()}`, row.query as string);
    }
    return [...seen.values()];
  }

  beforeAll(async () => {
    await ensureDatabase(url(DB));
    await admin.connect();
    // The up migrations as they are (node-pg-migrate itself is ESM-only, which Jest cannot load).
    for (const file of readdirSync(FAULTS_MIGRATIONS).sort()) {
      await admin.query(readFileSync(join(FAULTS_MIGRATIONS, file), 'utf8').split('-- Down Migration')[0]!);
    }
    await addMissingFaultRows(pool);
  });
  afterEach(() => store.reset());
  afterAll(async () => {
    for (const { watcher, listener } of started) {
      watcher.stop();
      await listener.stop();
    }
    await pool.end();
    await admin.end();
    const server = new Client({ connectionString: SERVER });
    await server.connect();
    await server.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await server.end();
  });

  it('starts with the stored switches (a restarted service sees a switch set before)', async () => {
    await store.set('n-plus-one', true);
    const { watcher } = await startWatcher();
    expect(watcher.isOn('n-plus-one')).toBe(true);
  });

  it('sees a change within a few milliseconds, params included', async () => {
    const { watcher } = await startWatcher();
    const seen = nextChange(watcher, 'queue-backlog');
    const changed = Date.now();
    await store.set('queue-backlog', true, { delayMs: 100, prefetch: 2 });
    const { at, state } = await seen;
    expect(at - changed).toBeLessThan(500); // typically under 20 ms; the margin is for a loaded machine
    expect(state.params).toEqual({ delayMs: 100, prefetch: 2 });
    expect(watcher.paramsIfOn('queue-backlog')).toEqual({ delayMs: 100, prefetch: 2 });
  });

  it('sees a change written by plain SQL too (the trigger announces it, not the writer)', async () => {
    const { watcher } = await startWatcher();
    const seen = nextChange(watcher, 'n-plus-one');
    await admin.query("UPDATE faults SET enabled = true WHERE name = 'n-plus-one'");
    await seen;
    expect(watcher.isOn('n-plus-one')).toBe(true);
  });

  it('re-reads after its LISTEN connection is killed: a change made while it was away is not lost', async () => {
    const { watcher, listener } = await startWatcher();
    const seen = nextChange(watcher, 'n-plus-one');
    // Killed and changed at once: the NOTIFY goes nowhere, only the re-read after reconnecting sees it.
    await admin.query('SELECT pg_terminate_backend($1)', [listener.backendPid]);
    await admin.query("UPDATE faults SET enabled = true WHERE name = 'n-plus-one'");
    const { at } = await seen;
    expect(watcher.isOn('n-plus-one')).toBe(true);
    expect(at).toBeDefined();
  });

  it('makes no query at all while nothing changes', async () => {
    await startWatcher();
    await startWatcher();
    await sleep(200); // the reads at start
    expect(await statementsDuring(3000)).toEqual([]);
  }, 10_000);
});
