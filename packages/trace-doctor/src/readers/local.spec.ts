import { serializeSpan } from '@tracelab/otlp-receiver';
import { checkoutTrace } from '../testing/checkout';
import { type HttpStub, replyJson, startHttpStub } from '../testing/http-stub';
import { breakAt } from '../testing/span-builder';
import { readLocal } from './local';

describe('readLocal', () => {
  const spans = [
    ...breakAt(checkoutTrace('t1', 'o1', 'confirmed', 0), (span) => span.name === 'process order.confirmed', 't1-notification'),
    ...checkoutTrace('t2', 'o2', 'declined', 1_000),
    ...checkoutTrace('t3', 'o3', 'confirmed', 2_000),
  ];
  let receiver: HttpStub;

  beforeAll(async () => {
    receiver = await startHttpStub((url, response) =>
      url.pathname === '/spans' ? replyJson(response, 200, spans.map(serializeSpan)) : replyJson(response, 404, {}),
    );
  });
  afterAll(() => receiver.close());

  const traceIds = (read: { traceId: string }[]) => [...new Set(read.map((span) => span.traceId))].sort();

  it('reads the last n checkout traces with their split-off traces', async () => {
    expect(traceIds(await readLocal(receiver.url, { last: 2 }))).toEqual(['t2', 't3']);
    expect(traceIds(await readLocal(receiver.url, { last: 3 }))).toEqual(['t1', 't1-notification', 't2', 't3']);
  });

  it('reads one trace with the other traces of its order, from either side of the split', async () => {
    expect(traceIds(await readLocal(receiver.url, { traceId: 'T1' }))).toEqual(['t1', 't1-notification']);
    expect(traceIds(await readLocal(receiver.url, { traceId: 't1-notification' }))).toEqual(['t1', 't1-notification']);
  });

  it('keeps nanosecond times exact', async () => {
    const [first] = await readLocal(receiver.url, { traceId: 't3' });
    expect(typeof first!.startTimeUnixNano).toBe('bigint');
    expect(first!.startTimeUnixNano).toBe(spans.find((span) => span.spanId === first!.spanId)!.startTimeUnixNano);
  });
});
