import { Pool } from 'pg';
import { FaultWatcher, FaultStore } from '@tracelab/faults';
import { ADMIN_TOKEN, DATABASE_URL, GATEWAY_URL } from '../support/env';
import { resetFaults } from '../support/faults';

const call = (method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN) =>
  fetch(`${GATEWAY_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('the admin API', () => {
  afterAll(resetFaults);

  it('answers 401 with a JSON error without the token, or with a wrong one', async () => {
    for (const token of [null, 'not-the-token']) {
      const response = await call('GET', '/admin/faults', undefined, token);
      expect(response.status).toBe(401);
      // GET /admin/* is housekeeping and not traced, hence no trace id
      expect(await response.json()).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('Bearer'), traceId: null });
    }
  });

  it('lists every fault with its description and params', async () => {
    const { faults } = (await (await call('GET', '/admin/faults')).json()) as { faults: { name: string; params: object }[] };
    expect(faults.map((f) => f.name).sort()).toEqual(
      ['cascade', 'consumer-link', 'lost-context', 'missing-header', 'n-plus-one', 'propagator-mismatch', 'queue-backlog', 'retry-storm', 'slow-query'],
    );
    expect(faults.find((f) => f.name === 'retry-storm')!.params).toEqual({ failRate: 0.5 });
  });

  it('names bad params and unknown faults', async () => {
    const bad = await call('POST', '/admin/faults/retry-storm', { enabled: true, params: { failRate: 3, surprise: 1 } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { details: { fields: { field: string }[] } };
    expect(body.details.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['params.failRate']));
    expect((await call('POST', '/admin/faults/teleport', { enabled: true })).status).toBe(404);
    expect((await call('POST', '/admin/faults/slow-query', { enabled: 'yes' })).status).toBe(400);
  });

  it('records lab progress for the console', async () => {
    const put = await call('PUT', '/admin/labs/hidden-retries', { state: 'started' });
    expect(put.status).toBe(200);
    const { labs } = (await (await call('GET', '/admin/labs')).json()) as { labs: { name: string; state: string }[] };
    expect(labs.find((l) => l.name === 'hidden-retries')!.state).toBe('started');
    expect((await call('PUT', '/admin/labs/hidden-retries', { state: 'done' })).status).toBe(400);
    await call('PUT', '/admin/labs/hidden-retries', { state: 'idle' });
  });
});

describe('fault state in Postgres', () => {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  afterAll(async () => {
    await new FaultStore(pool).reset();
    await pool.end();
  });

  it('survives a restart: a watcher started later (a restarted service) sees the switch', async () => {
    await new FaultStore(pool).set('n-plus-one', true);
    const restarted = new FaultWatcher(pool, 500);
    await restarted.start();
    try {
      expect(restarted.isOn('n-plus-one')).toBe(true);
    } finally {
      restarted.stop();
    }
  });

  it('reaches a running watcher within a second', async () => {
    const watcher = new FaultWatcher(pool, 500);
    await watcher.start();
    try {
      const seen = new Promise<number>((resolve) => {
        let first = true;
        watcher.on('queue-backlog', () => {
          if (first) first = false; // the current state, at subscription
          else resolve(Date.now());
        });
      });
      const changed = Date.now();
      await new FaultStore(pool).set('queue-backlog', true, { delayMs: 100, prefetch: 2 });
      expect((await seen) - changed).toBeLessThan(1000);
      expect(watcher.paramsIfOn('queue-backlog')).toEqual({ delayMs: 100, prefetch: 2 });
    } finally {
      watcher.stop();
    }
  });
});
