/**
 * The unit tests of the doctor's Jaeger reader and of the OTLP JSON decoder read real Jaeger
 * api/v3 answers from e2e/fixtures/jaeger-api-v3/. This suite records them from the real Jaeger of
 * this tier (RECORD_JAEGER_FIXTURES=1 pnpm test pipeline) and, on every run, fails when the live
 * answers no longer have the recorded shape, so a Jaeger upgrade cannot leave them stale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { orderBody, placeOrder } from '../support/shop';
import { orderDone } from '../support/whole-trace';
import { jaegerUrl, waitForJaegerTrace } from './support/jaeger';

const FIXTURES = resolve(__dirname, '../fixtures/jaeger-api-v3');
const RECORD = process.env.RECORD_JAEGER_FIXTURES === '1';

/** Every key path of a JSON value, arrays collapsed to [], with the type at the leaf. */
function shape(value: unknown, path = '$', into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) shape(item, `${path}[]`, into);
  else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) shape(child, `${path}.${key}`, into);
  else into.add(`${path}:${typeof value}`);
  return into;
}

/** Shape of the parts a reader depends on: envelope, resource, scope, span and attribute structure. */
const relevant = (paths: Set<string>) => [...paths].filter((p) => !/\.value\.\w+Value/.test(p)).sort();

async function answer(url: string): Promise<string> {
  const response = await fetch(url);
  const body = await response.text();
  expect({ url, status: response.status, body: response.ok ? '' : body }).toEqual({ url, status: 200, body: '' });
  return body;
}

describe('Jaeger api/v3 answers recorded for the unit tests', () => {
  let getTraceBody: string;
  let findTracesBody: string;

  beforeAll(async () => {
    // Only this suite's order falls into the search window (the tier runs one suite at a time).
    const started = new Date(Date.now() - 1_000);
    const order = await placeOrder(orderBody({ items: [{ sku: 'TL-MUG', quantity: 1 }, { sku: 'TL-TEE', quantity: 1 }] }));
    expect(order.status).toBe(201);
    await waitForJaegerTrace(order.traceId, orderDone);
    getTraceBody = await answer(`${jaegerUrl()}/api/v3/traces/${order.traceId}`);
    const query = new URLSearchParams({
      'query.service_name': 'gateway',
      'query.operation_name': 'POST /orders',
      'query.start_time_min': started.toISOString(),
      'query.start_time_max': new Date(Date.now() + 60_000).toISOString(),
      // As the doctor's reader asks (packages/trace-doctor/src/readers/jaeger-api.ts): both names.
      'query.search_depth': '1',
      'query.num_traces': '1',
    });
    findTracesBody = await answer(`${jaegerUrl()}/api/v3/traces?${query}`);
    if (RECORD) {
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(join(FIXTURES, 'GetTrace.json'), `${getTraceBody.trim()}\n`);
      writeFileSync(join(FIXTURES, 'FindTraces.json'), `${findTracesBody.trim()}\n`);
    }
  });

  it.each(['GetTrace.json', 'FindTraces.json'])('%s has the shape of the live answer', (name) => {
    const file = join(FIXTURES, name);
    expect(existsSync(file)).toBe(true);
    const live = name === 'GetTrace.json' ? getTraceBody : findTracesBody;
    const recorded = readFileSync(file, 'utf8');
    // Bodies as Jaeger sent them: FindTraces streams one JSON object per line; compare the first of each.
    const first = (body: string) => JSON.parse(body.trim().split('\n')[0]!) as unknown;
    expect(relevant(shape(first(recorded)))).toEqual(relevant(shape(first(live))));
  });
});
