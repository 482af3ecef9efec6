import { fetchLogs, startReceiver } from './receiver';

const body = (spanIds: string[]) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'order' } }] },
        scopeSpans: [
          { spans: spanIds.map((spanId) => ({ traceId: 'a'.repeat(32), spanId, name: 'op', kind: 2, startTimeUnixNano: '1', endTimeUnixNano: '2' })) },
        ],
      },
    ],
  });

describe('receiver over HTTP', () => {
  it('counts and clears what it received, for a benchmark running it as a process of its own', async () => {
    const receiver = await startReceiver({ keepRawBodies: false });
    try {
      const post = (ids: string[]) => fetch(`${receiver.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(ids) });
      const count = async () => ((await (await fetch(`${receiver.url}/spans/count`)).json()) as { spans: number }).spans;
      expect((await post(['1'.repeat(16), '2'.repeat(16)])).status).toBe(200);
      expect((await post(['3'.repeat(16)])).status).toBe(200);
      expect(await count()).toBe(3);
      expect((await fetch(`${receiver.url}/spans`, { method: 'DELETE' })).status).toBe(200);
      expect(await count()).toBe(0);
      expect(receiver.spans()).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

const logsBody = JSON.stringify({
  resourceLogs: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'payment' } }] },
      scopeLogs: [
        {
          logRecords: [
            {
              timeUnixNano: '1796685242481000000',
              severityNumber: 17,
              severityText: 'error',
              body: { stringValue: 'payment declined' },
              attributes: [{ key: 'req', value: { kvlistValue: { values: [{ key: 'url', value: { stringValue: '/charges' } }] } } }],
              traceId: 'b'.repeat(32),
              spanId: 'c'.repeat(16),
            },
            { timeUnixNano: '1796685242482000000', severityNumber: 9, severityText: 'info', body: { stringValue: 'started' } },
          ],
        },
      ],
    },
  ],
});

describe('receiver logs', () => {
  it('takes OTLP/HTTP JSON log records on /v1/logs and lists them by trace over GET /logs', async () => {
    const receiver = await startReceiver();
    try {
      const posted = await fetch(`${receiver.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: logsBody });
      expect(posted.status).toBe(200);
      const counts = (await (await fetch(`${receiver.url}/spans/count`)).json()) as { spans: number; logs: number };
      expect(counts).toEqual({ spans: 0, logs: 2 });
      const [line, ...others] = await fetchLogs(receiver.url, 'b'.repeat(32));
      expect(others).toEqual([]);
      expect(line).toMatchObject({
        traceId: 'b'.repeat(32),
        spanId: 'c'.repeat(16),
        service: 'payment',
        timeUnixNano: 1796685242481000000n,
        severityText: 'error',
        severityNumber: 17,
        body: 'payment declined',
        attributes: { req: { url: '/charges' } },
      });
      expect(receiver.logs().map((record) => record.traceId)).toEqual(['b'.repeat(32), '']);
      await fetch(`${receiver.url}/spans`, { method: 'DELETE' });
      expect(await fetchLogs(receiver.url)).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
