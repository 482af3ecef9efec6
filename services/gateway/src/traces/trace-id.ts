import { AppError, ErrorCode } from '@tracelab/service-kit';

const TRACE_ID = /^[0-9a-f]{32}$/;

/** A W3C trace id (32 lowercase hex digits, not all zero), or 400 naming the expected form. */
export function parseTraceId(value: string): string {
  const traceId = value.trim().toLowerCase();
  if (TRACE_ID.test(traceId) && !/^0+$/.test(traceId)) return traceId;
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  throw new AppError(400, ErrorCode.InvalidRequest, `a trace id is 32 hexadecimal digits, not all zero (W3C trace-id, e.g. 4bf92f3577b34da6a3ce929d0e0e4736); got '${shown}'`);
}
