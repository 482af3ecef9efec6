import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeLogs, decodeTraces, type ReceivedLogRecord, type ReceivedSpan } from './otlp-json';

export interface Receiver {
  /** Base URL to use as OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  readonly port: number;
  spans(): ReceivedSpan[];
  /** Log records received on /v1/logs. */
  logs(): ReceivedLogRecord[];
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

/** JSON form of a log record (nanosecond time as a decimal string); `reviveLogRecord` reads it back. */
export function serializeLogRecord(record: ReceivedLogRecord): Record<string, unknown> {
  return { ...record, timeUnixNano: String(record.timeUnixNano) };
}

export function reviveLogRecord(json: Record<string, unknown>): ReceivedLogRecord {
  return { ...(json as unknown as ReceivedLogRecord), timeUnixNano: BigInt(json.timeUnixNano as string) };
}

/** Reads the log records a receiver holds, over its GET /logs (one trace's, or all). */
export async function fetchLogs(receiverUrl: string, traceId?: string): Promise<ReceivedLogRecord[]> {
  const url = new URL('/logs', receiverUrl);
  if (traceId) url.searchParams.set('traceId', traceId);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`receiver answered ${response.status}`);
  return ((await response.json()) as Record<string, unknown>[]).map(reviveLogRecord);
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

/** What each OTLP/HTTP path takes. */
const SIGNALS: Record<string, 'traces' | 'logs'> = { '/v1/traces': 'traces', '/v1/logs': 'logs' };

/** An OTLP/HTTP JSON receiver of traces and logs that keeps them in memory, for tests, benchmarks and the doctor. */
export async function startReceiver(options: { port?: number; host?: string; keepRawBodies?: boolean } = {}): Promise<Receiver> {
  const received: ReceivedSpan[] = [];
  const logs: ReceivedLogRecord[] = [];
  const raw: string[] = [];
  const waiters = new Set<() => void>();

  const server: Server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://receiver');
    // Counting and clearing over HTTP let a benchmark run the receiver as a process of its own.
    if (request.method === 'GET' && url.pathname === '/spans/count') return reply(200, { spans: received.length, logs: logs.length });
    if (request.method === 'DELETE' && url.pathname === '/spans') {
      clear();
      return reply(200, {});
    }
    if (request.method === 'GET' && url.pathname === '/logs') {
      const traceId = url.searchParams.get('traceId');
      return reply(200, (traceId ? logs.filter((r) => r.traceId === traceId) : logs).map(serializeLogRecord));
    }
    if (request.method === 'GET' && url.pathname === '/spans') {
      const traceId = url.searchParams.get('traceId');
      const spans = traceId ? received.filter((s) => s.traceId === traceId) : received;
      return reply(200, spans.map(serializeSpan));
    }
    const signal = SIGNALS[url.pathname];
    if (request.method !== 'POST' || !signal) return reply(404, { error: 'not_found' });
    if (!String(request.headers['content-type'] ?? '').includes('json')) {
      return reply(415, { error: 'unsupported_media_type', message: 'send OTLP/HTTP JSON (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json)' });
    }
    try {
      const body = await readBody(request);
      if (options.keepRawBodies !== false) raw.push(body);
      if (signal === 'logs') logs.push(...decodeLogs(JSON.parse(body)));
      else received.push(...decodeTraces(JSON.parse(body)));
      for (const wake of waiters) wake();
      reply(200, {});
    } catch (error) {
      reply(400, { error: 'invalid_request', message: (error as Error).message });
    }
  });

  function clear(): void {
    received.length = 0;
    logs.length = 0;
    raw.length = 0;
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    spans: () => [...received],
    logs: () => [...logs],
    rawBodies: () => [...raw],
    trace: (traceId) => received.filter((s) => s.traceId === traceId),
    clear,
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
