import type { DoctorReport, EdgeCheck, Finding, TraceSummary, WaterfallRow } from '../model';
import { formatMs, timelineBar } from './bar';
import { type Paint, painter } from './style';

export interface RenderOptions {
  /** ANSI colours; callers usually pass `process.stdout.isTTY`. */
  color?: boolean;
}

const LABEL_WIDTH = 60;

/** The report as plain text for a terminal. */
export function renderReport(report: DoctorReport, options: RenderOptions = {}): string {
  const paint = painter(options.color ?? false);
  if (report.traces.length === 0) return `${paint(['bold', 'red'], 'no traces found')}: nothing to judge (were orders placed, and have their spans arrived?)\n`;
  const sections = [
    ...report.traces.map((trace) => renderTrace(trace, paint)),
    renderFindings(report.findings, paint),
    renderVerdict(report, paint),
  ];
  return `${sections.join('\n\n')}\n`;
}

function renderTrace(trace: TraceSummary, paint: Paint): string {
  const orders = trace.orderIds.length > 0 ? `  order ${trace.orderIds.join(', ')}` : '';
  const header =
    `${paint('bold', `trace ${trace.traceId}`)}  ${trace.root.service} ${trace.root.name}  ${formatMs(trace.durationMs)}  ` +
    `${trace.spanCount} spans  ${trace.startTime}${orders}`;
  return [
    header,
    ...trace.waterfall.map((row) => renderRow(row, trace.durationMs, paint)),
    `  ${paint('bold', 'critical path')}  ${trace.criticalPath.map((step) => `${step.service} ${step.name} ${formatMs(step.durationMs)}`).join(' → ')}`,
    `  ${paint('bold', 'top self time')}`,
    ...trace.topSelfTime.map((entry) => `    ${formatMs(entry.selfMs).padStart(10)}  ${entry.service} ${entry.name} (of ${formatMs(entry.durationMs)})`),
    ...trace.messageHops.map(
      (hop) =>
        `  ${paint('bold', 'message')}  ${hop.producer.service} ${hop.producer.name} → ${hop.consumer.service} ${hop.consumer.name}` +
        `  queue wait ${formatMs(hop.queueWaitMs)}${hop.relation === 'link' ? ` (linked from trace ${hop.producer.traceId})` : ''}`,
    ),
    ...(trace.expectedEdges.length > 0 ? [`  ${paint('bold', 'edges')}  ${trace.expectedEdges.map((edge) => renderEdge(edge, paint)).join('   ')}`] : []),
  ].join('\n');
}

function renderRow(row: WaterfallRow, traceMs: number, paint: Paint): string {
  const label = `${'  '.repeat(row.depth)}${row.service} ${row.name}${row.orphan ? ' (orphan)' : ''}`;
  const fitted = label.length > LABEL_WIDTH ? `${label.slice(0, LABEL_WIDTH - 1)}…` : label.padEnd(LABEL_WIDTH);
  const marker = row.error ? ` ${paint('red', '✗ ERROR')}` : '';
  const bar = timelineBar(row.offsetMs, row.durationMs, traceMs);
  return `  ${fitted} ${formatMs(row.durationMs).padStart(10)} |${row.error ? paint('red', bar) : paint('cyan', bar)}|${marker}`;
}

function renderEdge(edge: EdgeCheck, paint: Paint): string {
  if (edge.status === 'present') return `${paint('green', '✓')} ${edge.hop}`;
  if (edge.status === 'linked') return `${paint('yellow', '↪')} ${edge.hop} (linked)`;
  if (edge.status === 'not-reached') return `${paint('dim', '–')} ${edge.hop} (not reached)`;
  return `${paint('red', '✗')} ${edge.hop}`;
}

function renderFindings(findings: readonly Finding[], paint: Paint): string {
  if (findings.length === 0) return `${paint('bold', 'findings')}  none`;
  return [
    paint('bold', `findings (${findings.length})`),
    ...findings.map((finding) => {
      const mark = finding.kind === 'link' ? paint('yellow', 'note') : paint('red', '✗');
      return `  ${mark} [${finding.kind}] ${finding.hop ?? ''}\n      ${finding.message}  (trace ${finding.traceId})`;
    }),
  ].join('\n');
}

function renderVerdict(report: DoctorReport, paint: Paint): string {
  const breaks = report.findings.filter((finding) => finding.kind !== 'link');
  if (report.whole) return `${paint(['bold', 'green'], 'verdict: WHOLE')}  ${report.traces.length} trace(s), context propagated across every expected hop`;
  const hops = [...new Set(breaks.map((finding) => finding.hop).filter((hop): hop is string => hop !== undefined))];
  return [`${paint(['bold', 'red'], 'verdict: BROKEN')}  ${breaks.length} finding(s) across ${report.traces.length} trace(s)`, ...hops.map((hop) => `  - ${hop}`)].join('\n');
}
