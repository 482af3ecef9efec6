/** One log line of a trace, as the trace page shows it. */
export interface TraceLogLine {
  /** ISO time. */
  time: string;
  /** OpenTelemetry severity text, e.g. INFO, WARN, ERROR. */
  severity: string;
  service: string;
  body: string;
  /** The span the line was written in; lines without one are shown above the waterfall. */
  spanId?: string;
}

/** Where the page reads a trace's log lines from (the log store, by trace id). */
export interface TraceLogReader {
  /** Named on the page when the store cannot be read, e.g. `VictoriaLogs at http://…`. */
  readonly where: string;
  read(traceId: string, signal: AbortSignal): Promise<TraceLogLine[]>;
}

export type TraceLogs =
  | { state: 'not-configured'; message: string }
  | { state: 'unavailable'; message: string }
  | { state: 'read'; where: string; lines: TraceLogLine[] };

export const TRACE_LOG_READER = Symbol('TRACE_LOG_READER');
