/**
 * The collector's settings during the pipeline tier: compose's defaults (keep everything) with a
 * shorter tail-sampling decision wait, so traces reach Jaeger sooner. The sampling suite restarts
 * the collector with other values.
 */
export const PIPELINE_ENV = { TAIL_DECISION_WAIT: '2s' };
