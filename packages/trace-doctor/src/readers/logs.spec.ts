import { startReceiver } from '@tracelab/otlp-receiver';
import { readTraceLogs, traceLogsQuery, traceLogsUiUrl } from './logs';
import { InvalidTraceIdError } from './trace-id';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

const record = (time: string, traceId: string, spanId: string, body: string, attributes: unknown[] = []) => ({
  timeUnixNano: time,
  severityNumber: 9,
  severityText: 'info',
  body: { stringValue: body },
  attributes,
  traceId,
  spanId,
});

describe('readTraceLogs from the local receiver', () => {
  it("returns one trace's lines oldest first, nested attributes flattened as VictoriaLogs stores them", async () => {
    const receiver = await startReceiver();
    try {
      const body = {
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'gateway' } }] },
            scopeLogs: [
              {
                logRecords: [
                  record('1796685242490000000', TRACE, '00f067aa0ba902b7', 'request completed', [
                    { key: 'res', value: { kvlistValue: { values: [{ key: 'statusCode', value: { intValue: '201' } }] } } },
                  ]),
                  record('1796685242481000000', TRACE, '00f067aa0ba902b7', 'order placed'),
                  record('1796685242485000000', 'f'.repeat(32), '1111111111111111', 'another trace'),
                ],
              },
            ],
          },
        ],
      };
      await fetch(`${receiver.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const lines = await readTraceLogs(TRACE.toUpperCase(), { source: 'local', receiverUrl: receiver.url });
      expect(lines).toEqual([
        { time: '2026-12-07T23:14:02.481Z', service: 'gateway', severity: 'info', message: 'order placed', traceId: TRACE, spanId: '00f067aa0ba902b7', attributes: {} },
        {
          time: '2026-12-07T23:14:02.490Z',
          service: 'gateway',
          severity: 'info',
          message: 'request completed',
          traceId: TRACE,
          spanId: '00f067aa0ba902b7',
          attributes: { 'res.statusCode': '201' },
        },
      ]);
    } finally {
      await receiver.close();
    }
  });
});

describe('trace ids', () => {
  it.each(['', 'abc', `${TRACE}0`, TRACE.slice(1), `${TRACE.slice(0, 31)}g`, '0'.repeat(32), `"${TRACE.slice(2)}"`, `${TRACE.slice(0, 28)} or *`])(
    'refuses %j before asking any store',
    async (bad) => {
      await expect(readTraceLogs(bad, { victoriaLogsUrl: 'http://127.0.0.1:9' })).rejects.toThrow(InvalidTraceIdError);
      await expect(readTraceLogs(bad, { victoriaLogsUrl: 'http://127.0.0.1:9' })).rejects.toThrow(/32 hex digits/);
    },
  );

  it('builds the LogsQL query and the UI link of a trace', () => {
    expect(traceLogsQuery(TRACE)).toBe(`trace_id:"${TRACE}"`);
    const link = new URL(traceLogsUiUrl('http://localhost:9428', TRACE));
    expect(link.pathname).toBe('/select/vmui/');
    expect(new URLSearchParams(link.hash.slice(3)).get('query')).toBe(`trace_id:"${TRACE}"`);
  });
});
