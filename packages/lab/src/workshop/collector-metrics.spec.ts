import { collectorCounts, describeRates, parseExposition, spanRates } from './collector-metrics';

const EXPOSITION = `# HELP otelcol_receiver_accepted_spans_total Number of spans successfully pushed into the pipeline.
# TYPE otelcol_receiver_accepted_spans_total counter
otelcol_receiver_accepted_spans_total{receiver="otlp",service_instance_id="a",transport="http"} 1200
otelcol_receiver_accepted_spans_total{receiver="otlp",service_instance_id="a",transport="grpc"} 30
otelcol_exporter_sent_spans_total{exporter="otlp_grpc/jaeger",service_instance_id="a"} 41
otelcol_exporter_sent_spans_total{exporter="debug",service_instance_id="a"} 1230
otelcol_processor_filter_spans_filtered_total{filter="filter/noise",processor="filter/noise"} 7
otelcol_process_uptime_seconds_total{otel_scope_name="go.opentelemetry.io/collector/service",otel_scope_version=""} 3.86
`;

describe('the Collector metrics the pipeline labs read', () => {
  it('parses names, labels (escapes included) and values', () => {
    expect(parseExposition('a_total{x="1",y="q\\"z"} 2.5e+01\n# HELP a\nb 3\n')).toEqual([
      { name: 'a_total', labels: { x: '1', y: 'q"z' }, value: 25 },
      { name: 'b', labels: {}, value: 3 },
    ]);
  });

  it('sums spans in over every receiver, and out only towards Jaeger', () => {
    expect(collectorCounts(parseExposition(EXPOSITION))).toEqual({ accepted: 1230, refused: 0, sentToJaeger: 41, failedToJaeger: 0, filtered: 7, uptimeSeconds: 3.86 });
  });

  it('turns two readings into rates', () => {
    const before = collectorCounts([]);
    const after = collectorCounts(parseExposition(EXPOSITION));
    const rates = spanRates(before, after, 10);
    expect(rates.inPerSecond).toBe(123);
    expect(describeRates(rates)).toBe('in 123.0 spans/s, out to Jaeger 4.1 spans/s (3.3 %), dropped by filters 0.7 spans/s');
  });
});
