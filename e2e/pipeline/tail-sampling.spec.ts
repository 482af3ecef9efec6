import { resetFaults, setFault } from '../support/faults';
import { type Answer, DECLINED_CARD, orderBody, placeOrder } from '../support/shop';
import { orderDone } from '../support/whole-trace';
import { restartCollector } from './support/collector-control';
import { inJaeger, waitForJaegerTrace } from './support/jaeger';
import { sleep } from '../support/wait';
import { PIPELINE_ENV } from './support/pipeline-env';

const ORDINARY = 100;
// A slow trace's last span (the e-mail, BACKLOG_DELAY_MS after the order) must reach the Collector
// within the decision wait, with room for a busy machine: ~2.7 s of 7.
const DECISION_WAIT_S = 7;
// Well above an ordinary order even on a busy 2-core machine, well below the slow ones.
const SLOW_MS = 2000;
const BACKLOG_DELAY_MS = 2500;

/** Places `count` orders, `parallel` at a time. */
async function placeMany(count: number, parallel: number, body: () => unknown = () => orderBody()): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i += parallel) {
    answers.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, () => placeOrder(body())))));
  }
  return answers;
}

async function countKept(answers: Answer[]): Promise<number> {
  let kept = 0;
  for (const answer of answers) if (await inJaeger(answer.traceId)) kept += 1;
  return kept;
}

describe('tail sampling in the real Collector (deploy/otel-collector/config.yaml)', () => {
  afterAll(async () => {
    await resetFaults();
    await restartCollector({ env: PIPELINE_ENV });
  });

  it('at SAMPLING_PERCENTAGE=10 keeps every error trace, every slow trace and about a tenth of the rest', async () => {
    await restartCollector({ env: { SAMPLING_PERCENTAGE: '10', SLOW_TRACE_THRESHOLD_MS: String(SLOW_MS), TAIL_DECISION_WAIT: `${DECISION_WAIT_S}s` } });

    const ordinary = await placeMany(ORDINARY, 5);
    expect(ordinary.every((a) => a.status === 201)).toBe(true);
    const declined = await placeMany(6, 3, () => orderBody({ card: { number: DECLINED_CARD, expMonth: 12, expYear: 2030, cvc: '123' } }));
    expect(declined.every((a) => a.status === 402)).toBe(true);
    // Slow but healthy: the e-mail worker takes 2.5 s, so the trace outlasts the threshold. One at a
    // time, so each trace is complete before its decision is taken.
    await setFault('queue-backlog', true, { delayMs: BACKLOG_DELAY_MS, prefetch: 1 });
    const slow: Answer[] = [];
    for (let i = 0; i < 3; i += 1) {
      slow.push(await placeOrder(orderBody()));
      await sleep(BACKLOG_DELAY_MS + 500);
    }
    expect(slow.every((a) => a.status === 201)).toBe(true);

    // Errors and slow traces: every one is kept, whole.
    for (const answer of declined) await waitForJaegerTrace(answer.traceId, (s) => s.some((x) => x.name === 'payment.authorize'));
    for (const answer of slow) await waitForJaegerTrace(answer.traceId, orderDone, { timeoutMs: 40_000 });
    await setFault('queue-backlog', false);

    // Ordinary traces: decided DECISION_WAIT_S after their first span, all long before now.
    await sleep((DECISION_WAIT_S + 3) * 1000);
    const kept = await countKept(ordinary);
    console.log(`tail sampling at 10 %: kept ${kept} of ${ORDINARY} ordinary traces, ${declined.length}/${declined.length} errors, ${slow.length}/${slow.length} slow`);
    // Binomial(100, 0.1): outside [1, 25] with a probability below 1e-4.
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThanOrEqual(25);
  }, 240_000);

  it('with keep-everything.yaml keeps every trace, without a decision wait', async () => {
    // A 30 s decision wait would hold the traces back if config.yaml were still running.
    await restartCollector({ config: 'keep-everything.yaml', env: { TAIL_DECISION_WAIT: '30s' } });
    const answers = await placeMany(20, 5);
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const deadline = Date.now() + 10_000;
    for (const answer of answers) await waitForJaegerTrace(answer.traceId, orderDone, { timeoutMs: Math.max(1_000, deadline - Date.now()), settleMs: 300 });
  });
});
