import { currentTraceId } from '@tracelab/telemetry';
import { ErrorCode } from './errors';

export interface ErrorBody {
  error: string;
  message: string;
  traceId: string | null;
  details?: unknown;
}

const BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.InvalidRequest,
  401: ErrorCode.Unauthorized,
  402: ErrorCode.PaymentDeclined,
  404: ErrorCode.NotFound,
  409: ErrorCode.OutOfStock,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  503: ErrorCode.DependencyUnavailable,
};

export function statusToErrorCode(status: number): string {
  return BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.InvalidRequest);
}

export function errorBody(error: string, message: string, details?: unknown): ErrorBody {
  return { error, message, traceId: currentTraceId() ?? null, ...(details === undefined ? {} : { details }) };
}
