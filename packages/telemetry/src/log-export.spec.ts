import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

const PACKAGE_DIR = join(__dirname, '..');
/** pino as the services load it (through service-kit), so the instrumentation patches the same module. */
const PINO = require.resolve('pino', { paths: [join(PACKAGE_DIR, '../service-kit')] });

/** A service-like process: the built register hook, then pino writing one line inside a span and one outside. */
const SCRIPT = `
const pino = require(${JSON.stringify(PINO)});
const { trace } = require('@opentelemetry/api');
const logger = pino();
trace.getTracer('test').startActiveSpan('charge', (span) => {
  logger.error({ card: 'cc_4012888888881881', req: { url: '/orders/4111111111111111' } }, 'payment failed for 4242 4242 4242 4242');
  console.error(JSON.stringify({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId }));
  span.end();
});
logger.info('outside any span');
setTimeout(() => require(${JSON.stringify(join(PACKAGE_DIR, 'dist/index.js'))}).shutdownTelemetry(), 50);
`;

interface Received {
  paths: string[];
  logs: { body: unknown; traceId?: string; spanId?: string; severityText?: string; attributes?: unknown[]; resource: unknown[] }[];
}

async function withCollector(run: (url: string, received: Received) => Promise<void>): Promise<void> {
  const received: Received = { paths: [], logs: [] };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.paths.push(request.url ?? '');
      if (request.url === '/v1/logs') {
        const parsed = JSON.parse(body) as { resourceLogs: { resource: { attributes: unknown[] }; scopeLogs: { logRecords: Received['logs'] }[] }[] };
        for (const resourceLogs of parsed.resourceLogs) {
          for (const scope of resourceLogs.scopeLogs) for (const record of scope.logRecords) received.logs.push({ ...record, resource: resourceLogs.resource.attributes });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, received);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function runService(env: Record<string, string>): Promise<{ traceId: string; spanId: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', join(PACKAGE_DIR, 'dist/register.js'), '-e', SCRIPT],
      { cwd: dirname(PINO), env: { PATH: process.env.PATH ?? '', OTEL_TRACES_EXPORTER: 'none', ...env }, timeout: 20000 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stderr.trim().split('\n').at(-1)!) as { traceId: string; spanId: string })),
    );
  });
}

describe('log records over OTLP', () => {
  it.each(['lean', 'auto'])('the %s bootstrap sends every pino line with its severity, trace and span, masked, to the traces\' endpoint in their protocol', async (bootstrap) => {
    await withCollector(async (url, received) => {
      const span = await runService({ TRACELAB_TELEMETRY: bootstrap, OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' });
      expect(received.paths).toEqual(['/v1/logs']);
      expect(received.logs).toHaveLength(2);
      const [inSpan, outside] = received.logs;
      expect(inSpan).toMatchObject({ body: { stringValue: 'payment failed for [card ****4242]' }, severityText: 'error', traceId: span.traceId, spanId: span.spanId });
      expect(JSON.stringify(inSpan!.attributes)).toContain('cc_[card ****1881]');
      expect(JSON.stringify(inSpan!.attributes)).toContain('/orders/[card ****1111]');
      expect(JSON.stringify(inSpan!.resource)).toContain('"service.name"');
      expect(outside).toMatchObject({ body: { stringValue: 'outside any span' }, severityText: 'info' });
      expect(outside!.traceId ?? '').toBe('');
      expect(JSON.stringify(received.logs)).not.toMatch(/4012888888881881|4111111111111111|4242 4242 4242 4242/);
    });
  }, 30_000);

  it.each(['lean', 'auto'])('OTEL_LOGS_EXPORTER=none sends nothing from the %s bootstrap', async (bootstrap) => {
    await withCollector(async (url, received) => {
      await runService({ TRACELAB_TELEMETRY: bootstrap, OTEL_LOGS_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' });
      expect(received.paths).toEqual([]);
    });
  }, 30_000);

  it('refuses an OTEL_LOGS_EXPORTER it does not know, naming it', async () => {
    await expect(runService({ OTEL_LOGS_EXPORTER: 'zipkin' })).rejects.toThrow(/OTEL_LOGS_EXPORTER: unsupported exporter "zipkin" \(use otlp, console or none\)/);
  }, 30_000);
});
