import { orderBody, placeOrder } from '../support/shop';
import { SIX_SERVICES } from '../support/whole-trace';
import { eventually } from '../support/wait';
import { jaegerUrl, prometheusUrl, spanmetricsUrl } from './support/jaeger';

/** The span kind whose calls Jaeger's Monitor tab shows for each service (notification only consumes). */
const KIND: Record<string, string> = { notification: 'consumer' };

/** Series of the collector's Prometheus exporter named `metric` with service_name="<service>". */
const seriesOf = (exposition: string, metric: string, service: string) =>
  exposition.split('\n').filter((line) => line.startsWith(`${metric}{`) && line.includes(`service_name="${service}"`));

interface JaegerMetrics {
  name: string;
  metrics?: { labels: { name: string; value: string }[]; metricPoints: { gaugeValue: { doubleValue?: number } }[] }[];
}

describe('span metrics for Jaeger’s Monitor tab', () => {
  beforeAll(async () => {
    for (let i = 0; i < 6; i += 1) expect((await placeOrder(orderBody())).status).toBe(201);
  });

  it('the collector exports calls and duration series for all six services under the names Jaeger queries', async () => {
    const exposition = await eventually('span metrics of all six services', async () => {
      const text = await (await fetch(spanmetricsUrl())).text();
      const complete = SIX_SERVICES.every(
        (service) =>
          seriesOf(text, 'traces_span_metrics_calls_total', service).length > 0 &&
          seriesOf(text, 'traces_span_metrics_duration_milliseconds_bucket', service).length > 0,
      );
      return complete ? text : undefined;
    }, 60_000, 1000);
    for (const service of SIX_SERVICES) {
      const calls = seriesOf(exposition, 'traces_span_metrics_calls_total', service);
      // The labels Jaeger's Prometheus reader filters and groups by.
      for (const label of ['span_name=', 'span_kind=', 'status_code=']) expect(calls.some((line) => line.includes(label))).toBe(true);
      expect(seriesOf(exposition, 'traces_span_metrics_duration_milliseconds_bucket', service).some((l) => l.includes('le="'))).toBe(true);
    }
  }, 120_000);

  it('Prometheus scrapes them and Jaeger’s metrics API answers calls and latencies for each service', async () => {
    expect(prometheusUrl()).toMatch(/^http:/);
    for (const service of SIX_SERVICES) {
      const query = (endpoint: string, extra = '') =>
        `${jaegerUrl()}/api/metrics/${endpoint}?service=${service}&spanKind=${KIND[service] ?? 'server'}&endTs=${Date.now()}&lookback=600000&step=5000&ratePer=60000${extra}`;
      const calls = await eventually(`Jaeger call rate of ${service}`, async () => {
        const body = (await (await fetch(query('calls'))).json()) as JaegerMetrics;
        const points = body.metrics?.flatMap((m) => m.metricPoints.map((p) => p.gaugeValue.doubleValue ?? 0)) ?? [];
        return points.some((value) => value > 0) ? body : undefined;
      }, 90_000, 1000);
      expect(calls.name).toBe('service_call_rate');
      expect(calls.metrics![0]!.labels).toEqual(expect.arrayContaining([{ name: 'service_name', value: service }]));
      const latencies = (await (await fetch(query('latencies', '&quantile=0.95'))).json()) as JaegerMetrics;
      expect(latencies.name).toBe('service_latencies');
      expect(latencies.metrics?.length).toBeGreaterThan(0);
    }
  }, 300_000);
});
