import { Client } from 'pg';
import { createPool } from './pool';
import { isConnectionError, withTransaction } from './transaction';

// Real Postgres (the one the services use): a backend is killed the way an operator or a
// failover kills it, while the transaction holds the connection.
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('withTransaction against a killed connection', () => {
  const pool = createPool(URL, 'tracelab-transaction-spec', 4);
  const admin = new Client({ connectionString: URL });
  const table = `tx_spec_${process.pid}`;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE TABLE IF NOT EXISTS ${table} (id int PRIMARY KEY)`);
  });
  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${table}`);
    await admin.end();
    await pool.end();
  });

  const kill = (pid: number) => admin.query('SELECT pg_terminate_backend($1)', [pid]);
  const backendPid = async (client: { query: Client['query'] }) => (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;

  it('runs the transaction once more on a fresh connection, and the process lives on', async () => {
    let attempts = 0;
    const id = await withTransaction(pool, async (client) => {
      attempts++;
      if (attempts === 1) {
        await kill(await backendPid(client));
        await new Promise((r) => setTimeout(r, 100)); // the client's 'error' event fires while checked out
      }
      await client.query(`INSERT INTO ${table} (id) VALUES (1) ON CONFLICT DO NOTHING`);
      return 1;
    });
    expect(id).toBe(1);
    expect(attempts).toBe(2);
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(1);
  });

  it('gives up after one retry with an error recognised as a lost connection', async () => {
    const failure = await withTransaction(pool, async (client) => {
      await kill(await backendPid(client));
      await new Promise((r) => setTimeout(r, 100));
      await client.query('SELECT 1');
    }).catch((error: unknown) => error);
    expect(isConnectionError(failure)).toBe(true);
    // the broken clients were destroyed: the pool still answers
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('does not retry an ordinary error', async () => {
    let attempts = 0;
    await expect(
      withTransaction(pool, async (client) => {
        attempts++;
        await client.query('SELECT * FROM no_such_table_here');
      }),
    ).rejects.toMatchObject({ code: '42P01' });
    expect(attempts).toBe(1);
  });
});
