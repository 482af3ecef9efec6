import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { analyze } from './analysis/analyze';
import type { DoctorReport } from './model';
import { DEFAULT_LAST } from './readers/local';
import { readTraces, type ReadTracesOptions } from './readers/read-traces';

export interface DiagnoseOptions extends ReadTracesOptions {
  /** Keep re-reading until the traces look complete or this many ms have passed (default 0: read once). */
  waitMs?: number;
  /** Pause between reads while waiting (default 500 ms). */
  pollMs?: number;
  /**
   * While waiting, how long the spans read must stay unchanged before a complete-looking report
   * is believed (default 1500 ms, above the services' 500 ms export delay): right after an order
   * the previous, complete traces are still the newest ones.
   */
  settleMs?: number;
}

/** The doctor's report, with the spans it was made from (the console's trace page shows both). */
export interface Examination {
  report: DoctorReport;
  spans: ReceivedSpan[];
}

/** Reads and analyses; with `waitMs`, retries while spans may still be on their way. */
export async function diagnose(options: DiagnoseOptions = {}): Promise<DoctorReport> {
  return (await examine(options)).report;
}

/** `diagnose`, keeping the spans read: the one path from a trace source to a verdict, for the CLI and the console. */
export async function examine(options: DiagnoseOptions = {}): Promise<Examination> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  let lastSeen = '';
  let unchangedSince = Date.now();
  for (;;) {
    const spans = await readTraces(options);
    const report = analyze(spans);
    const seen = `${spans.length}:${report.traces.map((trace) => trace.traceId).join(',')}`;
    if (seen !== lastSeen) [lastSeen, unchangedSince] = [seen, Date.now()];
    const settled = Date.now() - unchangedSince >= (options.settleMs ?? 1500);
    if (Date.now() >= deadline || (settled && looksComplete(report, options))) return { report, spans };
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 500, Math.max(0, deadline - Date.now()))));
  }
}

/**
 * Nothing more is worth waiting for: enough checkout traces, no span waiting for its parent, and every
 * missing edge already explained by the trace that took over (a split, an orphan root or a link).
 * Broken propagation settles too; only spans that are still in flight keep the doctor waiting.
 */
export function looksComplete(report: DoctorReport, options: Pick<DiagnoseOptions, 'traceId' | 'last'> = {}): boolean {
  const haveTraces = options.traceId
    ? report.traces.some((trace) => trace.traceId === options.traceId!.toLowerCase())
    : report.traces.filter((trace) => trace.root.service === 'gateway').length >= (options.last ?? DEFAULT_LAST);
  if (!haveTraces || report.findings.some((finding) => finding.kind === 'orphan-span')) return false;
  return report.findings.filter((finding) => finding.kind === 'missing-edge').every((missing) => isExplained(missing.hop, report));
}

function isExplained(hop: string | undefined, report: DoctorReport): boolean {
  return report.findings.some((finding) => finding.kind !== 'missing-edge' && hop !== undefined && finding.hop?.startsWith(`${hop}:`));
}
