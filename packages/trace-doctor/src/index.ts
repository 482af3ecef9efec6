export { analyze } from './analysis/analyze';
export { diagnose, examine, looksComplete, type DiagnoseOptions, type Examination } from './diagnose';
export type {
  DoctorReport,
  EdgeCheck,
  EdgeStatus,
  Finding,
  FindingKind,
  MessageHop,
  SelfTime,
  ServiceEdge,
  TimedSpan,
  TraceSummary,
  Transport,
  WaterfallRow,
} from './model';
export { readJaeger, type JaegerSelection } from './readers/jaeger';
export { findTraces, getTrace, type FindTracesQuery } from './readers/jaeger-api';
export { DEFAULT_LAST, readLocal, type TraceSelection } from './readers/local';
export { DEFAULT_JAEGER_URL, DEFAULT_RECEIVER_URL, readTraces, type ReadTracesOptions, type TraceSource } from './readers/read-traces';
export { renderReport, type RenderOptions } from './render/render-report';
export { findingsAbout, isWhole, otherHalves } from './verdict';
export {
  DEFAULT_VICTORIALOGS_URL,
  queryVictoriaLogs,
  readTraceLogs,
  traceLogsQuery,
  traceLogsUiUrl,
  type LogSource,
  type ReadTraceLogsOptions,
  type TraceLogLine,
} from './readers/logs';
export { InvalidTraceIdError, parseTraceId } from './readers/trace-id';
export { renderTraceLogs, type RenderLogsOptions } from './render/render-logs';
