import { RpcException } from '@nestjs/microservices';
import { GrpcStatus } from '@tracelab/service-kit/grpc';

/** A business decline: FAILED_PRECONDITION, which the order service answers with 402. */
export class PaymentDeclinedError extends RpcException {
  readonly errorType = 'payment_declined';
  constructor(readonly reason: string) {
    super({ code: GrpcStatus.FAILED_PRECONDITION, message: `payment declined: ${reason}` });
  }
}

/** fraud-detection could not give a score in time, even after retries. */
export class FraudCheckUnavailableError extends RpcException {
  readonly errorType = 'fraud_check_unavailable';
  /** `reason` goes to the client; the transport's own wording stays in `cause` (logs, span events). */
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super({ code: GrpcStatus.UNAVAILABLE, message: `fraud check unavailable: ${reason}` });
    this.cause = cause;
  }
}

/** The order service stopped waiting before the card was charged: nothing is charged. */
export class CallerGoneError extends RpcException {
  readonly errorType = 'deadline_exceeded';
  constructor() {
    super({ code: GrpcStatus.DEADLINE_EXCEEDED, message: 'the caller stopped waiting; not charged' });
  }
}
