import { fetchSpans, type ReceivedSpan } from '@tracelab/otlp-receiver';
import { latestCheckoutTraceIds, withRelatedTraces } from './select-traces';

export interface TraceSelection {
  traceId?: string;
  /** The n most recent checkout traces; ignored when `traceId` is given. */
  last?: number;
}

export const DEFAULT_LAST = 5;

/** Spans from the test receiver's GET /spans: the selected traces and every trace of the same orders. */
export async function readLocal(receiverUrl: string, selection: TraceSelection = {}): Promise<ReceivedSpan[]> {
  // All spans, not just the trace: the rest of a split order lives in other traces.
  const spans = await fetchSpans(receiverUrl);
  const chosen = selection.traceId ? [selection.traceId.toLowerCase()] : latestCheckoutTraceIds(spans, selection.last ?? DEFAULT_LAST);
  return withRelatedTraces(spans, chosen);
}
