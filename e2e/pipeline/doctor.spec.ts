import { SpanKind } from '@tracelab/otlp-receiver';
import { resetFaults, setFault } from '../support/faults';
import { lab } from '../support/lab-cli';
import { orderBody, placeOrder } from '../support/shop';
import { orderDone } from '../support/whole-trace';
import { jaegerUrl, waitForJaegerTrace } from './support/jaeger';
import { sleep } from '../support/wait';

/** `pnpm lab doctor` as a learner runs it, against the real Jaeger. */
const doctor = (traceId: string) => lab(['doctor', '--trace', traceId, '--jaeger-url', jaegerUrl()], 60_000);

describe('the trace doctor against the real Jaeger', () => {
  afterAll(() => resetFaults());

  it('judges a whole order trace WHOLE and exits 0', async () => {
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    await waitForJaegerTrace(answer.traceId, orderDone);
    const result = await doctor(answer.traceId);
    expect(result.output).toContain('verdict: WHOLE');
    expect(result.status).toBe(0);
  }, 120_000);

  it('names the order → notification hop of a missing-header trace and exits 1', async () => {
    await setFault('missing-header', true);
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    await waitForJaegerTrace(answer.traceId, (spans) => spans.some((s) => s.kind === SpanKind.PRODUCER));
    // The consumer's span starts a trace of its own; give it time to pass the collector too.
    await sleep(4000);
    const result = await doctor(answer.traceId);
    expect(result.output).toContain('verdict: BROKEN');
    expect(result.output).toMatch(/order → notification over RabbitMQ/);
    expect(result.status).toBe(1);
  }, 120_000);
});
