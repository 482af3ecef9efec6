import { GrpcStatus } from '@tracelab/service-kit/grpc';
import { RpcException } from '@nestjs/microservices';

export class OutOfStockError extends RpcException {
  readonly errorType = 'out_of_stock';
  constructor(readonly shortages: { sku: string; requested: number; available: number }[]) {
    super({
      code: GrpcStatus.FAILED_PRECONDITION,
      message: `out of stock: ${shortages.map((s) => `${s.sku} (requested ${s.requested}, available ${s.available})`).join(', ')}`,
    });
  }
}

export class UnknownSkuError extends RpcException {
  readonly errorType = 'unknown_sku';
  constructor(readonly skus: string[]) {
    super({ code: GrpcStatus.NOT_FOUND, message: `unknown sku: ${skus.join(', ')}` });
  }
}

/** The caller stopped waiting before the reservation was committed: it is rolled back. */
export class CallerGoneError extends RpcException {
  readonly errorType = 'deadline_exceeded';
  constructor() {
    super({ code: GrpcStatus.DEADLINE_EXCEEDED, message: 'the caller stopped waiting; nothing reserved' });
  }
}
