import { redactCardNumbers } from '@tracelab/telemetry';
import { type DoctorReport, type Examination, type Finding, isWhole, type MessageHop, otherHalves, type TraceLogLine, type TraceSummary } from '@tracelab/trace-doctor';

type ReceivedSpan = Examination['spans'][number];

/** A span as the page's details panel shows it: times from the trace's start, attributes as sent. */
export interface SpanDetails {
  spanId: string;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status: { code: number; message?: string };
}

/** What GET /admin/traces/:traceId answers: the doctor's judgement of one trace and its spans' details. */
export interface TraceView {
  traceId: string;
  source: string;
  /** The doctor's verdict, as `pnpm lab doctor --trace <id>` gives it. */
  whole: boolean;
  /** The hops where propagation broke, in words. */
  brokenHops: string[];
  findings: Finding[];
  trace: TraceSummary;
  /** Other traces of the same order that a split sent elsewhere. */
  otherHalves: string[];
  /** Consumers in other traces that link back to a producer of this one (the link mode). */
  linkedConsumers: MessageHop[];
  spans: SpanDetails[];
}

export interface RecentTrace {
  traceId: string;
  startTime: string;
  durationMs: number;
  spanCount: number;
  root: string;
  orderIds: string[];
  badges: ('whole' | 'broken' | 'error' | 'slow')[];
}

/** The page's view of one trace, or undefined when the spans read do not hold it. */
export function traceView(traceId: string, source: string, examination: Examination): TraceView | undefined {
  const { report, spans } = examination;
  const trace = report.traces.find((candidate) => candidate.traceId === traceId);
  if (!trace) return undefined;
  const breaks = report.findings.filter((finding) => finding.kind !== 'link');
  return {
    traceId,
    source,
    whole: report.whole,
    brokenHops: mostSpecific(breaks.map((finding) => finding.hop).filter((hop): hop is string => hop !== undefined)),
    findings: report.findings,
    trace,
    otherHalves: otherHalves(report, traceId),
    linkedConsumers: report.traces.flatMap((other) =>
      other.messageHops.filter((hop) => hop.relation === 'link' && hop.producer.traceId === traceId && hop.consumer.traceId !== traceId),
    ),
    spans: spans.filter((span) => span.traceId === traceId).map(spanDetails),
  };
}

/** Each hop once, leaving out `a → b over X` where `a → b over X: what happened` says more. */
function mostSpecific(hops: string[]): string[] {
  const unique = [...new Set(hops)];
  return unique.filter((hop) => !unique.some((other) => other.startsWith(`${hop}: `)));
}

function spanDetails(span: ReceivedSpan): SpanDetails {
  return { spanId: span.spanId, attributes: span.attributes, resource: span.resource, events: span.events, status: span.status };
}

/** The traces of a report, newest first, with the badges of the recent-traces list. */
export function recentTraces(report: DoctorReport, slowMs: number, limit: number): RecentTrace[] {
  return [...report.traces]
    .sort((a, b) => b.startTime.localeCompare(a.startTime))
    .slice(0, limit)
    .map((trace) => ({
      traceId: trace.traceId,
      startTime: trace.startTime,
      durationMs: trace.durationMs,
      spanCount: trace.spanCount,
      root: `${trace.root.service} ${trace.root.name}`,
      orderIds: trace.orderIds,
      badges: [
        isWhole(report, trace) ? 'whole' : 'broken',
        ...(trace.errorSpanCount > 0 ? (['error'] as const) : []),
        ...(trace.durationMs >= slowMs ? (['slow'] as const) : []),
      ],
    }));
}

/** Log lines as shown: card numbers masked again here, in the message and every attribute, whatever the store holds. */
export const maskedLines = (lines: readonly TraceLogLine[]): TraceLogLine[] =>
  lines.map((line) => ({
    ...line,
    message: redactCardNumbers(line.message),
    attributes: Object.fromEntries(Object.entries(line.attributes).map(([key, value]) => [redactCardNumbers(key), redactCardNumbers(value)])),
  }));
