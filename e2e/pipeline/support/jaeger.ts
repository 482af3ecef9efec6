import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { getTrace } from '@tracelab/trace-doctor';
import { describeTrace } from '../../support/traces';

/** Jaeger's query API of the pipeline tier (set by its global setup). */
export const jaegerUrl = () => process.env.TRACELAB_JAEGER_URL!;
export const spanmetricsUrl = () => process.env.TRACELAB_SPANMETRICS_URL!;
export const prometheusUrl = () => process.env.TRACELAB_PROMETHEUS_URL!;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls Jaeger's api/v3 (with the doctor's reader) until the trace satisfies `complete` and has
 * stopped growing for `settleMs`. Spans reach Jaeger only after the collector's tail-sampling
 * decision wait, so the default timeout is generous.
 */
export async function waitForJaegerTrace(
  traceId: string,
  complete: (spans: ReceivedSpan[]) => boolean,
  { timeoutMs = 30_000, settleMs = 1_000 } = {},
): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + timeoutMs;
  let last: ReceivedSpan[] = [];
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const spans = await getTrace(jaegerUrl(), traceId);
    if (spans.length !== last.length) stableSince = Date.now();
    last = spans;
    if (complete(spans) && Date.now() - stableSince >= settleMs) return spans;
    await sleep(250);
  }
  throw new Error(`trace ${traceId} incomplete in Jaeger after ${timeoutMs} ms:\n${describeTrace(last)}`);
}

/** Whether Jaeger holds any span of this trace. */
export const inJaeger = async (traceId: string) => (await getTrace(jaegerUrl(), traceId)).length > 0;
