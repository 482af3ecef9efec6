import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { SpanKind } from '@tracelab/otlp-receiver';
import { resetFaults, setFault } from '../support/faults';
import { orderBody, placeOrder } from '../support/shop';
import { orderDone } from '../support/whole-trace';
import { jaegerUrl, sleep, waitForJaegerTrace } from './support/jaeger';

const CLI = resolve(__dirname, '../../packages/lab/dist/cli.js');

/** `pnpm lab doctor` as a learner runs it, against the real Jaeger. */
function doctor(traceId: string): Promise<{ status: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, 'doctor', '--trace', traceId, '--jaeger-url', jaegerUrl()], { env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ status: error ? Number(error.code ?? -1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

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
