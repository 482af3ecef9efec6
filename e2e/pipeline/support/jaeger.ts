import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { getTrace } from '@tracelab/trace-doctor';
import { pollTrace } from '../../support/traces';

/** Jaeger's query API of the pipeline tier (set by its global setup). */
export const jaegerUrl = () => process.env.TRACELAB_JAEGER_URL!;
export const spanmetricsUrl = () => process.env.TRACELAB_SPANMETRICS_URL!;
export const prometheusUrl = () => process.env.TRACELAB_PROMETHEUS_URL!;

/**
 * Polls Jaeger's api/v3 (with the doctor's reader) until the trace is complete and settled. Spans
 * reach Jaeger only after the collector's tail-sampling decision wait: a generous default timeout.
 */
export const waitForJaegerTrace = (
  traceId: string,
  complete: (spans: ReceivedSpan[]) => boolean,
  { timeoutMs = 30_000, settleMs = 1_000 } = {},
): Promise<ReceivedSpan[]> => pollTrace(() => getTrace(jaegerUrl(), traceId), traceId, complete, { timeoutMs, settleMs, intervalMs: 250, source: 'Jaeger' });

/** Whether Jaeger holds any span of this trace. */
export const inJaeger = async (traceId: string) => (await getTrace(jaegerUrl(), traceId)).length > 0;
