import { fetchLogs } from '@tracelab/otlp-receiver';
import { RECEIVER_URL } from '../support/env';
import { lab } from '../support/lab-cli';
import { orderBody, placeOrder } from '../support/shop';
import { waitForTrace } from '../support/traces';
import { eventually } from '../support/wait';
import { orderDone, SIX_SERVICES } from '../support/whole-trace';

/** Local mode without the pipeline: the receiver takes the log records beside the spans, and the doctor reads both. */
describe('log records into the local receiver', () => {
  it("an order's log lines from all six services carry its trace id and span ids of its spans", async () => {
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    const spans = await waitForTrace(answer.traceId, orderDone);
    const records = await eventually('log records of all six services in the receiver', async () => {
      const found = await fetchLogs(RECEIVER_URL, answer.traceId);
      return SIX_SERVICES.every((service) => found.some((record) => record.service === service)) ? found : undefined;
    });
    const spanIds = new Set(spans.map((span) => span.spanId));
    for (const record of records) expect({ body: record.body, spanInTrace: spanIds.has(record.spanId) }).toEqual({ body: record.body, spanInTrace: true });
  });

  it('`pnpm lab doctor --source local --trace <id>` prints the trace\'s log lines from the receiver', async () => {
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    await waitForTrace(answer.traceId, orderDone);
    await eventually('the notification line in the receiver', async () => ((await fetchLogs(RECEIVER_URL, answer.traceId)).some((r) => r.service === 'notification') ? true : undefined));
    const result = await lab(['doctor', '--source', 'local', '--trace', answer.traceId, '--receiver-url', RECEIVER_URL]);
    expect(result.status).toBe(0);
    const logs = result.output.slice(result.output.indexOf(`log lines of trace ${answer.traceId}`));
    expect(logs).toMatch(new RegExp(`^log lines of trace ${answer.traceId} {2}\\d+ from the receiver at ${RECEIVER_URL}`));
    for (const service of SIX_SERVICES) expect(logs).toContain(service);
    expect(logs).toContain('order confirmation sent');
    const refused = await lab(['doctor', '--source', 'local', '--trace', 'not-a-trace-id', '--receiver-url', RECEIVER_URL]);
    expect(refused.status).toBe(2);
    expect(refused.output).toContain("--trace: a trace id is 32 hex digits (0-9, a-f), not all zero; got 'not-a-trace-id'");
  });
});
