import { SpanKind } from '@tracelab/otlp-receiver';
import { lab as labCli } from '../support/lab-cli';
import { orderBody, placeOrder } from '../support/shop';
import { sleep } from '../support/wait';
import { orderDone } from '../support/whole-trace';
import { jaegerUrl, waitForJaegerTrace } from '../pipeline/support/jaeger';

const lab = (...args: string[]) => labCli(args);
const doctor = (traceId: string) => labCli(['doctor', '--trace', traceId, '--jaeger-url', jaegerUrl()], 60_000);

describe('fault switches and labs against the compose stack', () => {
  afterAll(() => lab('fault', 'reset'));

  it('pnpm lab fault on missing-header breaks the next order’s trace at order → notification; fault reset heals it', async () => {
    expect((await lab('fault', 'on', 'missing-header')).status).toBe(0);
    await sleep(1000);
    const broken = await placeOrder(orderBody());
    expect(broken.status).toBe(201);
    await waitForJaegerTrace(broken.traceId, (spans) => spans.some((s) => s.kind === SpanKind.PRODUCER), { timeoutMs: 60_000 });
    // The consumer's span starts a trace of its own; give it time to pass the collector's decision wait.
    await sleep(7000);
    const verdict = await doctor(broken.traceId);
    expect(verdict.output).toContain('verdict: BROKEN');
    expect(verdict.output).toMatch(/order → notification over RabbitMQ/);
    expect(verdict.status).toBe(1);

    expect((await lab('fault', 'reset')).status).toBe(0);
    await sleep(1000);
    const healed = await placeOrder(orderBody());
    expect(healed.status).toBe(201);
    await waitForJaegerTrace(healed.traceId, orderDone, { timeoutMs: 60_000 });
    const whole = await doctor(healed.traceId);
    expect(whole.output).toContain('verdict: WHOLE');
    expect(whole.status).toBe(0);
  }, 180_000);

  it('the n-plus-one lab: workshop check (source Jaeger) fails while its fault is on and passes once it is off', async () => {
    expect((await lab('workshop', 'start', 'n-plus-one')).status).toBe(0);
    await sleep(1100);
    const broken = await lab('workshop', 'check', 'n-plus-one', '--source', 'jaeger');
    expect(broken.output).toContain('fault n-plus-one is still switched on');
    expect(broken.status).toBe(1);

    expect((await lab('fault', 'off', 'n-plus-one')).status).toBe(0);
    await sleep(1100);
    const fixed = await lab('workshop', 'check', 'n-plus-one', '--source', 'jaeger');
    expect(fixed.output).toContain('✔ n-plus-one: fixed');
    expect(fixed.status).toBe(0);
  }, 240_000);
});
