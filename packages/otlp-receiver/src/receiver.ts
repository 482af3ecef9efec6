import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeTraces, type ReceivedSpan } from './otlp-json';

export interface Receiver {
  /** Base URL to use as OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  readonly port: number;
  spans(): ReceivedSpan[];
  /** Every raw request body received, for scanning what left the services. */
  rawBodies(): string[];
  trace(traceId: string): ReceivedSpan[];
  /** Resolves once `predicate` holds for the received spans, or rejects after `timeoutMs`. */
  waitFor(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number, what?: string): Promise<ReceivedSpan[]>;
  clear(): void;
  close(): Promise<void>;
}

/** JSON form of a span (nanosecond times as decimal strings); `reviveSpan` reads it back. */
export function serializeSpan(span: ReceivedSpan): Record<string, unknown> {
  return { ...span, startTimeUnixNano: String(span.startTimeUnixNano), endTimeUnixNano: String(span.endTimeUnixNano) };
}

export function reviveSpan(json: Record<string, unknown>): ReceivedSpan {
  return {
    ...(json as unknown as ReceivedSpan),
    startTimeUnixNano: BigInt(json.startTimeUnixNano as string),
    endTimeUnixNano: BigInt(json.endTimeUnixNano as string),
  };
}

/** Reads the spans a receiver (maybe in another process) holds, over its GET /spans. */
export async function fetchSpans(receiverUrl: string, traceId?: string): Promise<ReceivedSpan[]> {
  const url = new URL('/spans', receiverUrl);
  if (traceId) url.searchParams.set('traceId', traceId);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`receiver answered ${response.status}`);
  return ((await response.json()) as Record<string, unknown>[]).map(reviveSpan);
}

const MAX_BODY = 64 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** An OTLP/HTTP JSON trace receiver that keeps spans in memory, for tests, benchmarks and the doctor. */
export async function startReceiver(options: { port?: number; host?: string; keepRawBodies?: boolean } = {}): Promise<Receiver> {
  const received: ReceivedSpan[] = [];
  const raw: string[] = [];
  const waiters = new Set<() => void>();

  const server: Server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://receiver');
    // Counting and clearing over HTTP let a benchmark run the receiver as a process of its own.
    if (request.method === 'GET' && url.pathname === '/spans/count') return reply(200, { spans: received.length });
    if (request.method === 'DELETE' && url.pathname === '/spans') {
      received.length = 0;
      raw.length = 0;
      return reply(200, {});
    }
    if (request.method === 'GET' && url.pathname === '/spans') {
      const traceId = url.searchParams.get('traceId');
      const spans = traceId ? received.filter((s) => s.traceId === traceId) : received;
      return reply(200, spans.map(serializeSpan));
    }
    if (request.method !== 'POST' || url.pathname !== '/v1/traces') return reply(404, { error: 'not_found' });
    if (!String(request.headers['content-type'] ?? '').includes('json')) {
      return reply(415, { error: 'unsupported_media_type', message: 'send OTLP/HTTP JSON (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json)' });
    }
    try {
      const body = await readBody(request);
      if (options.keepRawBodies !== false) raw.push(body);
      received.push(...decodeTraces(JSON.parse(body)));
      for (const wake of waiters) wake();
      reply(200, {});
    } catch (error) {
      reply(400, { error: 'invalid_request', message: (error as Error).message });
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    spans: () => [...received],
    rawBodies: () => [...raw],
    trace: (traceId) => received.filter((s) => s.traceId === traceId),
    clear: () => {
      received.length = 0;
      raw.length = 0;
    },
    waitFor(predicate, timeoutMs = 10000, what = 'spans') {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(received)) return false;
          finish();
          resolve([...received]);
          return true;
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${received.length} spans received)`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = () => void check();
        waiters.add(wake);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
