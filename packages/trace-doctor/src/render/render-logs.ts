import type { TraceSummary } from '../model';
import type { TraceLogLine } from '../readers/logs';
import { type Paint, painter } from './style';

export interface RenderLogsOptions {
  color?: boolean;
  /** The traces of the report, to name the span each line was written in. */
  traces?: TraceSummary[];
  /** Where the lines came from, for the heading (`VictoriaLogs at …`, `the receiver at …`). */
  source: string;
  /** The Jaeger UI, for the way back from a line to its trace. */
  jaegerUiUrl?: string;
}

const SEVERITY_COLOR: Record<string, Parameters<Paint>[0]> = { warn: 'yellow', error: 'red', fatal: 'red' };

/** A trace's log lines under its waterfall: time, service, level, the span written in, message. */
export function renderTraceLogs(traceId: string, lines: TraceLogLine[], options: RenderLogsOptions): string {
  const paint = painter(options.color ?? false);
  const spans = new Map((options.traces ?? []).flatMap((trace) => trace.waterfall.map((row) => [row.spanId, `${row.service} ${row.name}`] as const)));
  const heading = `${paint('bold', `log lines of trace ${traceId}`)}  ${lines.length} from ${options.source}`;
  const back = options.jaegerUiUrl ? [`  the trace: ${new URL(`/trace/${traceId}`, options.jaegerUiUrl).href}`] : [];
  if (lines.length === 0) return [heading, '  none (is log export on, OTEL_LOGS_EXPORTER, and has the batch been sent?)', ...back].join('\n') + '\n';
  const rows = lines.map((line) => {
    const severity = paint(SEVERITY_COLOR[line.severity] ?? 'dim', line.severity.toUpperCase().padEnd(5));
    const span = line.spanId ? `${line.spanId}${spans.has(line.spanId) ? ` (${spans.get(line.spanId)})` : ''}` : 'no span';
    return `  ${line.time.slice(11, 23)}  ${severity}  ${line.service.padEnd(15)}  ${line.message}  ${paint('dim', `span ${span}`)}`;
  });
  return [heading, ...rows, ...back].join('\n') + '\n';
}
