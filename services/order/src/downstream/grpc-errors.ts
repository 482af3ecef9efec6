import { AppError, ErrorCode } from '@tracelab/service-kit';
import { grpcErrorCode, grpcErrorDetails, GrpcStatus } from '@tracelab/service-kit/grpc';

/** Translates a failed downstream gRPC call into the public API's error. */
export function toAppError(error: unknown, dependency: string): AppError {
  if (error instanceof AppError) return error;
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
    // A server shutting down cancels what it cannot finish: transient, not a bug.
    case GrpcStatus.CANCELLED:
    case GrpcStatus.RESOURCE_EXHAUSTED:
      // The gRPC transport's own wording (resolution notes, addresses) is for logs, not clients.
      return new AppError(503, ErrorCode.DependencyUnavailable, grpcErrorCode(error) === GrpcStatus.UNAVAILABLE && details.startsWith('fraud check') ? `${dependency} unavailable: ${details}` : `${dependency} unavailable`);
    default:
      return new AppError(500, ErrorCode.Internal, `${dependency} failed: ${details}`);
  }
}
