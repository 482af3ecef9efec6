import { AppError, ErrorCode, grpcErrorCode, grpcErrorDetails, GrpcStatus } from '@tracelab/service-kit';

/** Translates a failed downstream gRPC call into the public API's error. */
export function toAppError(error: unknown, dependency: string): AppError {
  const details = grpcErrorDetails(error);
  switch (grpcErrorCode(error)) {
    case GrpcStatus.FAILED_PRECONDITION:
      return dependency === 'payment'
        ? new AppError(402, ErrorCode.PaymentDeclined, details)
        : new AppError(409, ErrorCode.OutOfStock, details);
    case GrpcStatus.NOT_FOUND:
      return new AppError(400, ErrorCode.InvalidRequest, details);
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.DEADLINE_EXCEEDED:
    case GrpcStatus.RESOURCE_EXHAUSTED:
      return new AppError(503, ErrorCode.DependencyUnavailable, `${dependency} unavailable: ${details}`);
    default:
      return new AppError(500, ErrorCode.Internal, `${dependency} failed: ${details}`);
  }
}
