import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from '../config';
import type { TraceLogReader } from './trace-logs';
import { TracesService } from './traces.service';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const BUDGET_MS = 300;

const config = (overrides: Partial<GatewayConfig>): GatewayConfig =>
  ({ TRACE_SOURCE: 'jaeger', JAEGER_QUERY_URL: 'http://127.0.0.1:9', TRACE_RECEIVER_URL: 'http://127.0.0.1:9', TRACE_READ_BUDGET_MS: BUDGET_MS, SLOW_TRACE_THRESHOLD_MS: 1000, ...overrides }) as GatewayConfig;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('TracesService', () => {
  let hanging: { server: Server; url: string };
  let empty: { server: Server; url: string };

  beforeAll(async () => {
    hanging = await listen(() => undefined); // accepts, never answers
    empty = await listen((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
  });
  afterAll(() => {
    hanging.server.closeAllConnections();
    hanging.server.close();
    empty.server.close();
  });

  it('names Jaeger and answers 503 within its budget when Jaeger hangs', async () => {
    const service = new TracesService(config({ JAEGER_QUERY_URL: hanging.url }));
    const started = Date.now();
    await expect(service.trace(TRACE_ID)).rejects.toMatchObject({ status: 503, message: `traces: Jaeger at ${hanging.url} did not answer within ${BUDGET_MS} ms` });
    expect(Date.now() - started).toBeLessThan(BUDGET_MS + 500);
  });

  it('names the local receiver when it refuses connections', async () => {
    const closed = await listen(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const service = new TracesService(config({ TRACE_SOURCE: 'local', TRACE_RECEIVER_URL: closed.url }));
    await expect(service.recent(5)).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/ECONNREFUSED/) });
    await expect(service.recent(5)).rejects.toMatchObject({ message: expect.stringContaining(`traces: the local receiver at ${closed.url} cannot be read: `) });
  });

  it('answers 404 explaining tail sampling for a trace the source does not hold', async () => {
    const service = new TracesService(config({ TRACE_SOURCE: 'local', TRACE_RECEIVER_URL: empty.url }));
    await expect(service.trace(TRACE_ID)).rejects.toMatchObject({ status: 404, message: expect.stringContaining('tail sampling') });
  });

  it('says the log store is down, within the budget, and still answers from the trace source', async () => {
    const stalled: TraceLogReader = { where: 'VictoriaLogs at http://logs:9428', read: () => new Promise(() => undefined) };
    const service = new TracesService(config({ TRACE_SOURCE: 'local', TRACE_RECEIVER_URL: empty.url }), stalled);
    // The empty receiver makes the trace unknown; the log side is judged through recent() and a direct read.
    await expect(service.trace(TRACE_ID)).rejects.toMatchObject({ status: 404 });
    const logs = await (service as unknown as { logs(id: string): Promise<unknown> }).logs(TRACE_ID);
    expect(logs).toEqual({ state: 'unavailable', message: `log lines: VictoriaLogs at http://logs:9428 did not answer within ${BUDGET_MS} ms` });
  });

  it('masks card numbers in log lines, whatever the store holds', async () => {
    const reader: TraceLogReader = {
      where: 'VictoriaLogs at http://logs:9428',
      read: async () => [
        { time: '2026-12-07T23:00:00.000Z', severity: 'warn', service: 'payment', message: 'declined card 4000000000000002', traceId: TRACE_ID, spanId: 'a'.repeat(16), attributes: { card: '4000 0000 0000 0002' } },
      ],
    };
    const service = new TracesService(config({}), reader);
    const logs = await (service as unknown as { logs(id: string): Promise<{ lines: { message: string; attributes: Record<string, string> }[] }> }).logs(TRACE_ID);
    expect(JSON.stringify(logs.lines)).not.toMatch(/4000000000000002|4000 0000 0000 0002/);
    expect(logs.lines[0]!.message).toContain('0002');
  });
});
