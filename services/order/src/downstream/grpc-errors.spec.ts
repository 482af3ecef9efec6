import { GrpcStatus } from '@tracelab/service-kit/grpc';
import { toAppError } from './grpc-errors';

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} X: ${details}`), { code, details });

describe('toAppError', () => {
  it('maps business failures to 402 and 409', () => {
    expect(toAppError(grpcError(GrpcStatus.FAILED_PRECONDITION, 'payment declined: card declined by issuer'), 'payment')).toMatchObject({
      status: 402,
      code: 'payment_declined',
      message: 'payment declined: card declined by issuer',
    });
    expect(toAppError(grpcError(GrpcStatus.FAILED_PRECONDITION, 'out of stock: TL-LIMITED'), 'inventory')).toMatchObject({ status: 409, code: 'out_of_stock' });
  });

  it('maps an unknown SKU to 400 and unreachable services to 503', () => {
    expect(toAppError(grpcError(GrpcStatus.NOT_FOUND, 'unknown sku: TL-X'), 'inventory')).toMatchObject({ status: 400 });
    for (const code of [GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.CANCELLED]) {
      expect(toAppError(grpcError(code, 'no connection'), 'payment')).toMatchObject({ status: 503, code: 'dependency_unavailable' });
    }
  });

  it('keeps anything else a 500', () => {
    expect(toAppError(grpcError(GrpcStatus.INTERNAL, 'boom'), 'payment').status).toBe(500);
  });
});
