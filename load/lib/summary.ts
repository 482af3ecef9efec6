/**
 * End-of-test summary for every scenario: the numbers that matter for the shop, the thresholds,
 * and the N slowest traces of the run with their Jaeger links.
 *
 * Why the slowest traces come from Jaeger and not from k6: k6 VUs are isolated JavaScript
 * runtimes that share no mutable state, and handleSummary() only receives aggregated metrics
 * (avg, percentiles, max: no individual requests, no tags per request). A global "top N
 * requests with their trace ids" therefore cannot be collected inside k6. The trace store can
 * answer it: every request carries `shop.scenario=<name>` in its baggage, the services copy it
 * onto their spans, and handleSummary() may make HTTP calls. So the summary asks Jaeger's query
 * API for this scenario's gateway traces at least as slow as the run's p90 and sorts them (or, with
 * rankByWholeTrace, for all of them, ranked by whole trace duration).
 * (Live, each VU also logs requests entering its own top 3, see checkout.ts noteLatency().)
 *
 * Tail sampling always keeps traces slower than SLOW_TRACE_THRESHOLD_MS (1 s) and errors, so the
 * slowest ones are there even with SAMPLING_PERCENTAGE < 100; Jaeger's in-memory store only
 * holds the most recent JAEGER_MAX_TRACES traces, so a long soak lists the slowest recent ones.
 *
 * Environment: JAEGER_API_URL (where this k6 process reaches Jaeger; default JAEGER_URL),
 * JAEGER_URL (links for your browser), TOP_N (default 10), SUMMARY_JSON (optional file path
 * for a JSON copy).
 */
import http from 'k6/http';
import { JAEGER_URL, traceUrl } from './checkout.ts';
import { envCount, envString } from './env.ts';

/** How many traces the summary lists (read in init, so that a bad value stops the run before it starts). */
const TOP_N = envCount('TOP_N', 10, 1, 1000);

export interface SummaryOptions {
  /** Scenario name, as sent in the baggage (shop.scenario). */
  scenario: string;
  /** What the scenario demonstrates, printed under the title. */
  description?: string;
  /** Where to look in Jaeger after the run (printed as hints). */
  lookFor?: string[];
  /**
   * List the slowest traces by their whole duration, without the p90 filter on the gateway's
   * latency: for runs whose slow part happens after the HTTP answer (a message queue).
   */
  rankByWholeTrace?: boolean;
  /** Two trend (sub)metrics printed side by side, e.g. a run's phases without and with a fault. */
  compare?: { label: string; before: string; after: string };
}

// ---------------------------------------------------------------- summary data (two formats)

interface MetricSummary {
  values: { [stat: string]: number };
  thresholds: { expression: string; ok: boolean }[];
}

interface RunSummary {
  metrics: { [name: string]: MetricSummary };
  durationMs: number | null;
  /** false when a threshold failed; null when the data does not say. */
  passed: boolean | null;
  setupStartedAt: number | null;
  /**
   * classic: what k6 hands to handleSummary() by default; machine-readable: its opt-in format
   * (--new-machine-readable-summary), which carries no threshold verdicts, no Trend count or
   * p(99), no tagged sub-metrics and no setup data; unknown: neither.
   */
  format: 'classic' | 'machine-readable' | 'unknown';
}

type Json = { [key: string]: unknown };

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function numbersOf(value: unknown): { [stat: string]: number } {
  const out: { [stat: string]: number } = {};
  if (!isRecord(value)) return out;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'number') out[key] = entry;
  }
  return out;
}

/** The classic shape: `metrics` keyed by metric name, each with its `thresholds` verdicts. */
function readClassic(root: Json, metricsData: Json): RunSummary {
  const metrics: { [name: string]: MetricSummary } = {};
  let passed = true;
  for (const [name, metric] of Object.entries(metricsData)) {
    if (!isRecord(metric)) continue;
    const thresholds: { expression: string; ok: boolean }[] = [];
    if (isRecord(metric.thresholds)) {
      for (const [expression, verdict] of Object.entries(metric.thresholds)) {
        const ok = isRecord(verdict) ? verdict.ok !== false : true;
        thresholds.push({ expression, ok });
        if (!ok) passed = false;
      }
    }
    metrics[name] = { values: numbersOf(metric.values), thresholds };
  }
  const durationMs = isRecord(root.state) && typeof root.state.testRunDurationMs === 'number' ? root.state.testRunDurationMs : null;
  const setup = root.setup_data;
  const setupStartedAt = isRecord(setup) && typeof setup.startedAt === 'number' ? setup.startedAt : null;
  return { metrics, durationMs, passed, setupStartedAt, format: 'classic' };
}

/**
 * The machine-readable shape: `results.metrics` is a list of { name, type, contains, values },
 * a Rate's values are { rate, matches, total } (turned into the classic passes / fails here),
 * `config.duration` is in seconds.
 */
function readMachineReadable(root: Json, list: unknown[]): RunSummary {
  const metrics: { [name: string]: MetricSummary } = {};
  const checks = isRecord(root.results) && isRecord(root.results.checks) && Array.isArray(root.results.checks.metrics) ? root.results.checks.metrics : [];
  for (const metric of [...list, ...checks]) {
    if (!isRecord(metric) || typeof metric.name !== 'string') continue;
    const values = numbersOf(metric.values);
    if (metric.type === 'rate' && values.total !== undefined && values.matches !== undefined) {
      values.passes = values.matches;
      values.fails = values.total - values.matches;
    }
    metrics[metric.name] = { values, thresholds: [] };
  }
  const durationMs = isRecord(root.config) && typeof root.config.duration === 'number' ? root.config.duration * 1000 : null;
  return { metrics, durationMs, passed: null, setupStartedAt: null, format: 'machine-readable' };
}

/** Reads what k6 hands to handleSummary(), in either of its shapes. */
export function readSummary(data: unknown): RunSummary {
  const root = isRecord(data) ? data : {};
  if (isRecord(root.metrics)) return readClassic(root, root.metrics);
  if (isRecord(root.results) && Array.isArray(root.results.metrics)) return readMachineReadable(root, root.results.metrics);
  return { metrics: {}, durationMs: null, passed: null, setupStartedAt: null, format: 'unknown' };
}

/** How many samples a metric got: a Trend's count, or a Rate's passes + fails. */
function sampleCount(metric: MetricSummary | undefined): number | undefined {
  const values = metric?.values;
  if (values === undefined) return undefined;
  if (values.count !== undefined) return values.count;
  return values.passes !== undefined && values.fails !== undefined ? values.passes + values.fails : undefined;
}

// ---------------------------------------------------------------- Jaeger lookup

export interface SlowTrace {
  traceId: string;
  durationMs: number;
  root: string;
  spans: number;
  error: boolean;
}

interface JaegerSpan {
  spanID?: string;
  operationName?: string;
  startTime?: number;
  duration?: number;
  processID?: string;
  references?: { refType?: string; spanID?: string }[];
  tags?: { key?: string; value?: unknown }[];
}

interface JaegerTrace {
  traceID?: string;
  spans?: JaegerSpan[];
  processes?: { [id: string]: { serviceName?: string } };
}

function isErrorSpan(span: JaegerSpan): boolean {
  return (span.tags ?? []).some(
    (tag) =>
      (tag.key === 'error' && (tag.value === true || tag.value === 'true')) ||
      (tag.key === 'otel.status_code' && tag.value === 'ERROR'),
  );
}

/** Summarises one trace of Jaeger's /api/traces answer (times there are in microseconds). */
export function describeTrace(trace: JaegerTrace): SlowTrace | null {
  const spans = trace.spans ?? [];
  if (typeof trace.traceID !== 'string' || spans.length === 0) return null;
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans) {
    const spanStart = span.startTime ?? 0;
    start = Math.min(start, spanStart);
    end = Math.max(end, spanStart + (span.duration ?? 0));
  }
  const ids = new Set(spans.map((span) => span.spanID));
  const root =
    spans.find((span) => !(span.references ?? []).some((ref) => ref.spanID !== undefined && ids.has(ref.spanID))) ??
    spans[0]!;
  const service = trace.processes?.[root.processID ?? '']?.serviceName ?? '?';
  return {
    traceId: trace.traceID,
    durationMs: (end - start) / 1000,
    root: `${service}: ${root.operationName ?? '?'}`,
    spans: spans.length,
    error: spans.some(isErrorSpan),
  };
}

/** This scenario's slowest gateway traces in [sinceMs, untilMs], or a reason why there are none. */
export function findSlowestTraces(
  scenario: string,
  sinceMs: number,
  untilMs: number,
  minDurationMs: number,
  top: number,
  limit = Math.min(200, Math.max(50, top * 5)),
): SlowTrace[] | string {
  const api = envString('JAEGER_API_URL', JAEGER_URL).replace(/\/+$/, '');
  const query = [
    `service=${encodeURIComponent(envString('SUMMARY_SERVICE', 'gateway'))}`,
    `tags=${encodeURIComponent(JSON.stringify({ 'shop.scenario': scenario }))}`,
    `start=${Math.floor(sinceMs) * 1000}`,
    `end=${Math.ceil(untilMs) * 1000}`,
    `limit=${limit}`,
  ];
  if (minDurationMs >= 1) query.push(`minDuration=${Math.floor(minDurationMs)}ms`);
  const url = `${api}/api/traces?${query.join('&')}`;
  const res = http.get(url, { timeout: '30s', responseType: 'text', tags: { name: 'jaeger: find traces' } });
  if (res.status !== 200 || typeof res.body !== 'string') {
    return `Jaeger answered ${res.status || res.error} at ${api} (set JAEGER_API_URL to where this k6 reaches Jaeger)`;
  }
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `Jaeger's answer at ${api} is not JSON`;
  }
  const traces = isRecord(body) && Array.isArray(body.data) ? (body.data as JaegerTrace[]) : [];
  const described = traces.map(describeTrace).filter((trace): trace is SlowTrace => trace !== null);
  described.sort((a, b) => b.durationMs - a.durationMs);
  return described.slice(0, top);
}

// ---------------------------------------------------------------- text

function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${value.toFixed(value < 10 ? 1 : 0)}ms`;
}

function percent(value: number | undefined): string {
  return value === undefined ? '-' : `${(value * 100).toFixed(2)}%`;
}

function duration(msValue: number | null): string {
  if (msValue === null) return '?';
  const total = Math.round(msValue / 1000);
  return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
}

function change(before: number | undefined, after: number | undefined): string {
  if (before === undefined || after === undefined || !Number.isFinite(before) || !Number.isFinite(after)) return '';
  const delta = after - before;
  const relative = before > 0 ? ` ${delta >= 0 ? '+' : ''}${((delta / before) * 100).toFixed(0)}%` : '';
  return ` (${delta >= 0 ? '+' : '-'}${ms(Math.abs(delta))}${relative})`;
}

/** "p50 a -> b (+x, +y%)  p95 ..." for two trend metrics. */
function comparisonLine(before: MetricSummary | undefined, after: MetricSummary | undefined): string {
  if (before === undefined || after === undefined) return '- (no data for one side)';
  return ['med', 'p(95)', 'p(99)']
    .map((stat) => {
      const a = before.values[stat];
      const b = after.values[stat];
      return `${stat === 'med' ? 'p50' : stat.replace(/[()]/g, '')} ${ms(a)} -> ${ms(b)}${change(a, b)}`;
    })
    .join('  ');
}

function trendLine(metric: MetricSummary | undefined): string {
  if (metric === undefined) return '-';
  const v = metric.values;
  return `p50 ${ms(v.med)}  p90 ${ms(v['p(90)'])}  p95 ${ms(v['p(95)'])}  p99 ${ms(v['p(99)'])}  max ${ms(v.max)}`;
}

/** The whole text summary (exported for reuse, e.g. printing a JSON run through it). */
export function renderSummary(options: SummaryOptions, run: RunSummary, slowest: SlowTrace[] | string, minDurationMs: number): string {
  const m = run.metrics;
  const lines: string[] = [];
  const verdict = run.passed === null ? '' : run.passed ? '  PASSED' : '  FAILED (a threshold was crossed)';
  lines.push('', `tracelab load test: ${options.scenario}  (${duration(run.durationMs)})${verdict}`);
  if (options.description) lines.push(`  ${options.description}`);
  lines.push('');

  if (run.format === 'machine-readable') {
    lines.push(
      "  note            k6's machine-readable summary has no threshold verdicts (k6's exit code has: 99 when one was crossed), p99 or tagged sub-metrics; run without --new-machine-readable-summary for all of it",
    );
  } else if (run.format === 'unknown') {
    lines.push("  note            k6 handed handleSummary() a shape this summary does not know: it needs k6's default summary data");
  }
  const orders = sampleCount(m.order_duration) ?? sampleCount(m.order_failed);
  const reqs = m.http_reqs?.values;
  const reqRate = reqs?.rate ?? (reqs?.count !== undefined && run.durationMs ? reqs.count / (run.durationMs / 1000) : 0);
  lines.push(`  orders          ${orders ?? 0} placed, ${percent(m.order_failed?.values.rate)} failed`);
  lines.push(`  order latency   ${trendLine(m.order_duration)}`);
  if (options.compare) {
    lines.push(`  ${options.compare.label.padEnd(15, ' ')} ${comparisonLine(m[options.compare.before], m[options.compare.after])}`);
  }
  const unavailable = m.order_unavailable?.values.rate;
  if (unavailable !== undefined && unavailable > 0) lines.push(`  503 answers     ${percent(unavailable)} of the orders (a dependency unavailable)`);
  lines.push(
    `  http            ${reqs?.count ?? 0} requests (${reqRate.toFixed(1)}/s), ` +
      `${percent(m.http_req_failed?.values.rate)} failed, p95 ${ms(m.http_req_duration?.values['p(95)'])}`,
  );
  const checks = m.checks?.values ?? m.checks_succeeded?.values;
  if (checks) lines.push(`  checks          ${percent(checks.rate)} passed`);
  if (m.trace_id_missing) lines.push(`  x-trace-id      missing on ${percent(m.trace_id_missing.values.rate)} of responses`);
  if (m.dropped_iterations?.values.count) {
    lines.push(`  dropped         ${m.dropped_iterations.values.count} iterations (k6 ran out of VUs: the system fell behind)`);
  }

  const thresholds = Object.entries(m).filter(([, metric]) => metric.thresholds.length > 0);
  if (thresholds.length > 0) {
    lines.push('', '  thresholds');
    for (const [name, metric] of thresholds) {
      for (const threshold of metric.thresholds) {
        const shown = name.startsWith('order_duration') || name === 'http_req_duration' ? trendLine(metric) : '';
        const guard = !threshold.ok && threshold.expression === 'count>0' ? '    (no sample: what the threshold beside it asserts was never measured)' : '';
        lines.push(`    ${threshold.ok ? 'ok  ' : 'FAIL'} ${name} ${threshold.expression}${shown ? `    (${shown})` : ''}${guard}`);
      }
    }
  }

  lines.push('');
  const filter = minDurationMs >= 1 ? `, at least ${ms(minDurationMs)} (p90)` : '';
  const ranking = options.rankByWholeTrace ? ', by whole trace duration' : '';
  lines.push(`  slowest traces in Jaeger (gateway, shop.scenario=${options.scenario}${filter}${ranking})`);
  if (typeof slowest === 'string') {
    lines.push(`    none listed: ${slowest}`);
  } else if (slowest.length === 0) {
    lines.push('    none found (sampled away, evicted from Jaeger memory, or still in the collector)');
  } else {
    slowest.forEach((trace, index) => {
      const rank = String(index + 1).padStart(2, ' ');
      const flag = trace.error ? ' ERROR' : '';
      lines.push(
        `    ${rank}. ${ms(trace.durationMs).padStart(8, ' ')}  ${trace.root}  (${trace.spans} spans${flag})  ${traceUrl(trace.traceId)}`,
      );
    });
  }
  if (options.lookFor && options.lookFor.length > 0) {
    lines.push('', '  in Jaeger, look for');
    for (const hint of options.lookFor) lines.push(`    - ${hint}`);
  }
  lines.push(
    '',
    `  all traces of this run: ${JAEGER_URL}/search?service=gateway&tags=${encodeURIComponent(
      JSON.stringify({ 'shop.scenario': options.scenario }),
    )}`,
    '',
  );
  return lines.join('\n');
}

/**
 * Builds a scenario's handleSummary():
 *   export const handleSummary = tracelabSummary({ scenario: 'baseline', ... });
 */
export function tracelabSummary(options: SummaryOptions): (data: unknown) => { [output: string]: string } {
  return (data: unknown) => {
    const run = readSummary(data);
    const now = Date.now();
    const since = run.setupStartedAt ?? (run.durationMs !== null ? now - run.durationMs : now - 3600000);
    const order = run.metrics.order_duration?.values;
    // Filter at p90 only when the run is big enough for that to leave N candidates, and only when
    // the gateway's latency is what makes a trace slow.
    const minDurationMs = !options.rankByWholeTrace && order && (order.count ?? 0) >= 100 ? (order['p(90)'] ?? 0) : 0;
    let slowest: SlowTrace[] | string;
    try {
      slowest = findSlowestTraces(options.scenario, since - 60000, now + 60000, minDurationMs, TOP_N, options.rankByWholeTrace ? 200 : undefined);
    } catch (error) {
      slowest = `lookup failed: ${String(error)}`;
    }
    const outputs: { [output: string]: string } = { stdout: renderSummary(options, run, slowest, minDurationMs) };
    const jsonPath = envString('SUMMARY_JSON', '');
    if (jsonPath) outputs[jsonPath] = JSON.stringify({ scenario: options.scenario, summary: data, slowest }, null, 2);
    return outputs;
  };
}
