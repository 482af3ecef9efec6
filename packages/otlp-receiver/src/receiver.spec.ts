import { startReceiver } from './receiver';

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
