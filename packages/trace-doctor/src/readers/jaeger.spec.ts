import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { analyze } from '../analysis/analyze';
import { checkoutTrace } from '../testing/checkout';
import { type HttpStub, replyJson, startHttpStub } from '../testing/http-stub';
import { toOtlpJson } from '../testing/otlp-encode';
import { breakAt, SERVER } from '../testing/span-builder';
import { readJaeger } from './jaeger';

// Real answers of Jaeger's api/v3 for one order, recorded by the pipeline tier (e2e/pipeline/jaeger-fixtures.spec.ts).
const FIXTURES = join(__dirname, '../../../../e2e/fixtures/jaeger-api-v3');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').trim();
const FIXTURE_TRACE_ID = /"traceId":"([0-9a-f]{32})"/.exec(fixture('GetTrace.json'))![1]!;
const SIX = ['fraud-detection', 'gateway', 'inventory', 'notification', 'order', 'payment'];

describe('readJaeger against recorded Jaeger answers', () => {
  let jaeger: HttpStub;
  let streamed = false;

  beforeAll(async () => {
    jaeger = await startHttpStub((url, response) => {
      const body = url.pathname === '/api/v3/traces' ? fixture('FindTraces.json') : url.pathname === `/api/v3/traces/${FIXTURE_TRACE_ID}` ? fixture('GetTrace.json') : undefined;
      if (body === undefined) return replyJson(response, 404, { error: { httpCode: 404, message: 'trace not found' } });
      replyJson(response, 200, streamed ? `${body}\n${body}` : body);
    });
  });
  afterAll(() => jaeger.close());
  beforeEach(() => {
    jaeger.requests.length = 0;
    streamed = false;
  });

  it('decodes a recorded order trace: six services, one gateway root, nanoseconds beyond 2^53', async () => {
    const spans = await readJaeger(jaeger.url, { traceId: FIXTURE_TRACE_ID.toUpperCase() });

    expect(jaeger.requests[0]!.pathname).toBe(`/api/v3/traces/${FIXTURE_TRACE_ID}`);
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([FIXTURE_TRACE_ID]));
    expect([...new Set(spans.map((span) => span.service))].sort()).toEqual(SIX);
    expect(spans.filter((span) => !span.parentSpanId)).toEqual([expect.objectContaining({ service: 'gateway', kind: SERVER, name: 'POST /orders' })]);
    for (const span of spans) {
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.startTimeUnixNano).toBeGreaterThan(2n ** 53n);
      expect(span.endTimeUnixNano).toBeGreaterThanOrEqual(span.startTimeUnixNano);
    }
  });

  it('reads a body of several concatenated JSON objects without counting a span twice', async () => {
    const once = await readJaeger(jaeger.url, { traceId: FIXTURE_TRACE_ID });
    streamed = true;
    expect(await readJaeger(jaeger.url, { traceId: FIXTURE_TRACE_ID })).toHaveLength(once.length);
  });

  it('searches the gateway for recent POST /orders traces with the api/v3 parameter names', async () => {
    const before = Date.now();
    await readJaeger(jaeger.url, { last: 3 });

    const search = jaeger.requests[0]!.searchParams;
    expect(search.get('query.service_name')).toBe('gateway');
    expect(search.get('query.operation_name')).toBe('POST /orders');
    expect(search.get('query.search_depth')).toBe('20');
    expect(Date.parse(search.get('query.start_time_min')!)).toBeLessThan(before);
    expect(Date.parse(search.get('query.start_time_max')!)).toBeGreaterThan(before);
    expect(search.get('query.start_time_min')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('treats an unknown trace as no spans', async () => {
    expect(await readJaeger(jaeger.url, { traceId: 'ffffffffffffffffffffffffffffffff' })).toEqual([]);
  });

  it('judges the recorded order trace whole', async () => {
    const report = analyze(await readJaeger(jaeger.url, { traceId: FIXTURE_TRACE_ID }));
    expect(report.findings).toEqual([]);
    expect(report.whole).toBe(true);
  });
});

describe('readJaeger against a fake Jaeger', () => {
  const nowNanos = () => BigInt(Date.now()) * 1_000_000n;
  /** Moves test traces (built around 2025) so that the latest started a minute ago, where the reader looks. */
  function recent(spans: ReceivedSpan[]): ReceivedSpan[] {
    const latest = spans.reduce((max, span) => (span.startTimeUnixNano > max ? span.startTimeUnixNano : max), spans[0]!.startTimeUnixNano);
    const shift = nowNanos() - 60_000_000_000n - latest;
    return spans.map((span) => ({ ...span, startTimeUnixNano: span.startTimeUnixNano + shift, endTimeUnixNano: span.endTimeUnixNano + shift }));
  }

  const stored = recent([
    ...breakAt(checkoutTrace('a1', 'order-a', 'confirmed', 0), (span) => span.name === 'process order.confirmed', 'a2'),
    ...breakAt(checkoutTrace('b1', 'order-b', 'confirmed', 1_000), (span) => span.service === 'order' && span.kind === SERVER, 'b2'),
    ...checkoutTrace('c1', 'order-c', 'declined', 2_000),
    ...checkoutTrace('old', 'order-old', 'confirmed', -40 * 60_000),
  ]);

  /** Filters as Jaeger's FindTraces does; `attributes` off plays a Jaeger that ignores query.attributes. */
  function fakeJaeger(options: { attributes: boolean; stream: boolean }) {
    return startHttpStub((url, response) => {
      const traces = new Map<string, ReceivedSpan[]>();
      for (const span of stored) traces.set(span.traceId, [...(traces.get(span.traceId) ?? []), span]);
      const send = (found: ReceivedSpan[][]) => {
        if (found.length === 0) return replyJson(response, 404, { error: { httpCode: 404, message: 'No traces found' } });
        if (options.stream) return replyJson(response, 200, found.map((trace) => JSON.stringify({ result: toOtlpJson(trace) })).join('\n'));
        replyJson(response, 200, { result: toOtlpJson(found.flat()) });
      };
      const id = /^\/api\/v3\/traces\/(\w+)$/.exec(url.pathname)?.[1];
      if (id) return send(traces.has(id) ? [traces.get(id)!] : []);
      const q = url.searchParams;
      const min = BigInt(Date.parse(q.get('query.start_time_min')!)) * 1_000_000n;
      const max = BigInt(Date.parse(q.get('query.start_time_max')!)) * 1_000_000n;
      const attributes: Record<string, string> = options.attributes ? JSON.parse(q.get('query.attributes') ?? '{}') : {};
      const matches = (span: ReceivedSpan) =>
        span.service === q.get('query.service_name') &&
        (!q.get('query.operation_name') || span.name === q.get('query.operation_name')) &&
        span.startTimeUnixNano >= min &&
        span.startTimeUnixNano <= max &&
        Object.entries(attributes).every(([key, value]) => span.attributes[key] === value);
      send([...traces.values()].filter((trace) => trace.some(matches)).slice(0, Number(q.get('query.search_depth'))));
    });
  }

  const traceIds = (spans: ReceivedSpan[]) => [...new Set(spans.map((span) => span.traceId))].sort();

  it.each([
    { attributes: true, stream: false },
    { attributes: false, stream: true },
  ])('reads the latest checkouts and the traces they split into (%o)', async (options) => {
    const jaeger = await fakeJaeger(options);
    try {
      const spans = await readJaeger(jaeger.url, { last: 3 });
      expect(traceIds(spans)).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
      expect(analyze(spans).findings.filter((finding) => finding.kind === 'split-order').map((finding) => finding.hop)).toEqual([
        'order → notification over RabbitMQ: consumer started a new trace',
        'gateway → order over HTTP: server started a new trace',
      ]);
      if (options.attributes) {
        const searches = jaeger.requests.map((url) => url.searchParams.get('query.attributes')).filter(Boolean);
        expect(searches).toContain(JSON.stringify({ 'shop.order.id': 'order-a' }));
      }
    } finally {
      await jaeger.close();
    }
  });

  it('widens the search window until it has enough checkouts', async () => {
    const jaeger = await fakeJaeger({ attributes: true, stream: false });
    try {
      expect(traceIds(await readJaeger(jaeger.url, { last: 4 }))).toContain('old');
      const windows = jaeger.requests
        .filter((url) => url.searchParams.get('query.service_name') === 'gateway')
        .map((url) => Date.parse(url.searchParams.get('query.start_time_max')!) - Date.parse(url.searchParams.get('query.start_time_min')!));
      expect(windows).toEqual([6 * 60_000, 31 * 60_000, 61 * 60_000]);
    } finally {
      await jaeger.close();
    }
  });

  it('reads one trace by id with the rest of its order', async () => {
    const jaeger = await fakeJaeger({ attributes: true, stream: false });
    try {
      expect(traceIds(await readJaeger(jaeger.url, { traceId: 'a2' }))).toEqual(['a1', 'a2']);
    } finally {
      await jaeger.close();
    }
  });

  it('says what Jaeger answered when it fails', async () => {
    const jaeger = await startHttpStub((_url, response) => replyJson(response, 500, { error: { httpCode: 500, message: 'storage down' } }));
    try {
      await expect(readJaeger(jaeger.url, { last: 1 })).rejects.toThrow(/Jaeger answered 500 .*storage down/);
    } finally {
      await jaeger.close();
    }
  });
});
