export type FindingKind = 'missing-edge' | 'orphan-span' | 'orphan-root' | 'split-order' | 'link';

/** One thing the doctor noticed; every kind but `link` makes the verdict "broken". */
export interface Finding {
  kind: FindingKind;
  /** The propagation hop involved, e.g. `order → notification over RabbitMQ: consumer started a new trace`. */
  hop?: string;
  orderId?: string;
  traceId: string;
  /** `split-order`: the trace the order started in, of which `traceId` is the lost other half. */
  relatedTraceId?: string;
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
  parentSpanId?: string;
  /** Span links (e.g. a consumer linked to its publisher instead of parented by it). */
  links: { traceId: string; spanId: string }[];
}

/** A message's way through RabbitMQ: the publisher's span, the consumer's span, and the time between. */
export interface MessageHop {
  producer: { traceId: string; spanId: string; service: string; name: string };
  consumer: { traceId: string; spanId: string; service: string; name: string };
  /** `child`: the consumer is the producer's child; `link`: it links to it from a trace of its own. */
  relation: 'child' | 'link';
  /** From the publish (the producer span's start) to the consumer span's start. */
  queueWaitMs: number;
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
  /** Messages consumed in this trace, with the publisher they came from (in this trace or another one). */
  messageHops: MessageHop[];
}

export interface DoctorReport {
  whole: boolean;
  traces: TraceSummary[];
  findings: Finding[];
}
