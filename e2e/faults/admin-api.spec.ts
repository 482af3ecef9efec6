import { ADMIN_TOKEN, GATEWAY_URL } from '../support/env';
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
    const { labs } = (await (await call('GET', '/admin/labs')).json()) as { labs: { name: string; state: string; kind: string }[] };
    expect(labs.find((l) => l.name === 'hidden-retries')!.state).toBe('started');
    // The console's labs table lists every kind, the pipeline labs included.
    expect(labs.filter((l) => l.kind === 'pipeline').map((l) => l.name)).toEqual(['the-bill-or-the-bug', 'the-silent-collector']);
    expect((await call('PUT', '/admin/labs/hidden-retries', { state: 'done' })).status).toBe(400);
    await call('PUT', '/admin/labs/hidden-retries', { state: 'idle' });
  });
});
