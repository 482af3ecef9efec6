import { AppError, ErrorCode } from '@tracelab/service-kit';
import { InvalidTraceIdError, parseTraceId as parseWithDoctor } from '@tracelab/trace-doctor';

/** A W3C trace id (32 hex digits, not all zero) in lower case, or 400 naming the expected form. */
export function parseTraceId(value: string): string {
  try {
    return parseWithDoctor(value);
  } catch (error) {
    if (error instanceof InvalidTraceIdError) throw new AppError(400, ErrorCode.InvalidRequest, `${error.message} (W3C trace-id, e.g. 4bf92f3577b34da6a3ce929d0e0e4736)`);
    throw error;
  }
}
