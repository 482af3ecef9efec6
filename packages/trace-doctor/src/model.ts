export type FindingKind = 'missing-edge' | 'orphan-span' | 'orphan-root' | 'split-order' | 'link';

/** One thing the doctor noticed; every kind but `link` makes the verdict "broken". */
export interface Finding {
  kind: FindingKind;
  /** The propagation hop involved, e.g. `order → notification over RabbitMQ: consumer started a new trace`. */
  hop?: string;
  orderId?: string;
  traceId: string;
  message: string;
}

export type Transport = 'HTTP' | 'gRPC' | 'RabbitMQ';

export interface ServiceEdge {
  from: string;
  to: string;
  transport: Transport;
}

/**
 * `not-reached`: the caller never got through (no call at all, e.g. an open circuit breaker, or
 * every call failed to connect), so there was no context to propagate on that hop.
 */
export type EdgeStatus = 'present' | 'missing' | 'linked' | 'not-reached';

export interface EdgeCheck extends ServiceEdge {
  /** `from → to over transport`, the prefix of every finding about this hop. */
  hop: string;
  status: EdgeStatus;
}

export interface WaterfallRow {
  depth: number;
  spanId: string;
  service: string;
  name: string;
  kind: string;
  /** Start of the span, from the start of the trace. */
  offsetMs: number;
  durationMs: number;
  error: boolean;
  /** Its parent span is not in the trace. */
  orphan: boolean;
}

export interface TimedSpan {
  spanId: string;
  service: string;
  name: string;
  durationMs: number;
}

export interface SelfTime extends TimedSpan {
  selfMs: number;
}

export interface TraceSummary {
  traceId: string;
  /** ISO time of the earliest span. */
  startTime: string;
  durationMs: number;
  spanCount: number;
  errorSpanCount: number;
  services: string[];
  orderIds: string[];
  /** The span the trace starts with: the gateway's server span for a healthy request. */
  root: { service: string; name: string; kind: string };
  rootCount: number;
  /** Edges this trace should have, given how far the order got. */
  expectedEdges: EdgeCheck[];
  /** Every parent→child service crossing actually in the trace, e.g. `gateway → order`. */
  observedEdges: string[];
  waterfall: WaterfallRow[];
  criticalPath: TimedSpan[];
  topSelfTime: SelfTime[];
}

export interface DoctorReport {
  whole: boolean;
  traces: TraceSummary[];
  findings: Finding[];
}
