/**
 * The Collector's own metrics (its telemetry endpoint, :8888/metrics, Prometheus text format): what
 * the pipeline labs read to say how many spans went in, out to Jaeger, and were dropped on the way.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (!match || line.startsWith('#')) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map(([, key, value]) => [key!, value!.replace(/\\(.)/g, '$1')]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The counts the labs compare, summed over the Collector's receivers, exporters and processors. */
export interface CollectorCounts {
  /** Spans the OTLP receiver accepted from the services. */
  accepted: number;
  /** Spans the receiver refused (memory limiter, bad data): the SDKs saw an error. */
  refused: number;
  /** Spans the exporter(s) to Jaeger sent. */
  sentToJaeger: number;
  /** Spans the exporter(s) to Jaeger failed to send. */
  failedToJaeger: number;
  /** Spans filter processors dropped on purpose. */
  filtered: number;
  /** Seconds since this Collector process started. */
  uptimeSeconds: number;
}

const sum = (samples: Sample[], name: string, where: (labels: Record<string, string>) => boolean = () => true) =>
  samples.filter((s) => s.name === name && where(s.labels)).reduce((total, s) => total + s.value, 0);

const toJaeger = (labels: Record<string, string>) => (labels.exporter ?? '').includes('jaeger');

export function collectorCounts(samples: Sample[]): CollectorCounts {
  return {
    accepted: sum(samples, 'otelcol_receiver_accepted_spans_total'),
    refused: sum(samples, 'otelcol_receiver_refused_spans_total'),
    sentToJaeger: sum(samples, 'otelcol_exporter_sent_spans_total', toJaeger),
    failedToJaeger: sum(samples, 'otelcol_exporter_send_failed_spans_total', toJaeger),
    filtered: sum(samples, 'otelcol_processor_filter_spans_filtered_total'),
    uptimeSeconds: sum(samples, 'otelcol_process_uptime_seconds_total'),
  };
}

/** COLLECTOR_METRICS_URL, else the port compose and local mode publish on this machine. */
export const collectorMetricsUrl = () => process.env.COLLECTOR_METRICS_URL || 'http://localhost:8888/metrics';

/** The Collector's counts now; throws when it does not answer. */
export async function readCollectorCounts(url = collectorMetricsUrl()): Promise<CollectorCounts> {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return collectorCounts(parseExposition(await response.text()));
}

/** Spans per second in and out over a window: the bill, as the Collector counts it. */
export interface SpanRates {
  inPerSecond: number;
  outPerSecond: number;
  filteredPerSecond: number;
  refusedPerSecond: number;
  seconds: number;
}

export function spanRates(before: CollectorCounts, after: CollectorCounts, seconds: number): SpanRates {
  const rate = (key: keyof CollectorCounts) => Math.max(0, after[key] - before[key]) / seconds;
  return { inPerSecond: rate('accepted'), outPerSecond: rate('sentToJaeger'), filteredPerSecond: rate('filtered'), refusedPerSecond: rate('refused'), seconds };
}

/** "in 412 spans/s, out to Jaeger 9 spans/s (2 %): 98 % of the span volume not stored" */
export function describeRates(rates: SpanRates): string {
  const share = rates.inPerSecond > 0 ? rates.outPerSecond / rates.inPerSecond : 0;
  const parts = [`in ${rates.inPerSecond.toFixed(1)} spans/s`, `out to Jaeger ${rates.outPerSecond.toFixed(1)} spans/s (${(share * 100).toFixed(1)} %)`];
  if (rates.filteredPerSecond > 0) parts.push(`dropped by filters ${rates.filteredPerSecond.toFixed(1)} spans/s`);
  if (rates.refusedPerSecond > 0) parts.push(`refused ${rates.refusedPerSecond.toFixed(1)} spans/s`);
  return parts.join(', ');
}
