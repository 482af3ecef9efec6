import { RpcException } from '@nestjs/microservices';
import { GrpcStatus } from '@tracelab/service-kit';

/** A business decline: FAILED_PRECONDITION, which the order service answers with 402. */
export class PaymentDeclinedError extends RpcException {
  readonly errorType = 'payment_declined';
  constructor(reason: string) {
    super({ code: GrpcStatus.FAILED_PRECONDITION, message: `payment declined: ${reason}` });
  }
}

/** fraud-detection could not give a score in time, even after retries. */
export class FraudCheckUnavailableError extends RpcException {
  readonly errorType = 'fraud_check_unavailable';
  constructor(cause: string) {
    super({ code: GrpcStatus.UNAVAILABLE, message: `fraud check unavailable: ${cause}` });
  }
}
