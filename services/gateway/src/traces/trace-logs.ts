import { readTraceLogs, type TraceLogLine } from '@tracelab/trace-doctor';
import type { GatewayConfig } from '../config';

/** Where the page reads a trace's log lines from (the log store, by trace id). */
export interface TraceLogReader {
  /** Named on the page when the store cannot be read, e.g. `VictoriaLogs at http://…`. */
  readonly where: string;
  read(traceId: string): Promise<TraceLogLine[]>;
}

export type TraceLogs =
  | { state: 'not-configured'; message: string }
  | { state: 'unavailable'; message: string }
  | { state: 'read'; where: string; lines: TraceLogLine[] };

export const TRACE_LOG_READER = Symbol('TRACE_LOG_READER');

/** The trace doctor's log reader on the configured store (LOG_STORE), or none. */
export function traceLogReader(config: GatewayConfig): TraceLogReader | null {
  if (config.LOG_STORE === 'victorialogs') {
    return { where: `VictoriaLogs at ${config.LOG_STORE_URL}`, read: (traceId) => readTraceLogs(traceId, { source: 'victorialogs', victoriaLogsUrl: config.LOG_STORE_URL }) };
  }
  if (config.LOG_STORE === 'local') {
    return { where: `the local receiver at ${config.TRACE_RECEIVER_URL}`, read: (traceId) => readTraceLogs(traceId, { source: 'local', receiverUrl: config.TRACE_RECEIVER_URL }) };
  }
  return null;
}
