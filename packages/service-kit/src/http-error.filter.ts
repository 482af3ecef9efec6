import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';
import { isConnectionError } from '@tracelab/db';
import { recordFailure } from '@tracelab/telemetry';
import { serverSpan } from './server-span';
import type { Response } from 'express';
import { errorBody, statusToErrorCode } from './error-body';
import { AppError, ErrorCode } from './errors';

/**
 * Every error leaves as JSON `{ error, message, traceId, details? }`. Client mistakes keep their
 * 4xx status; anything unexpected is a 500 that is logged and recorded on the span.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | undefined {
    if (host.getType() === 'rpc') return this.catchRpc(exception);
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message, details } = describe(exception);
    if (status >= 500 && !(exception instanceof AppError)) {
      this.logger.error({ err: exception }, 'unhandled error');
    }
    recordFailure(serverSpan(), exception, code);
    if (response.headersSent) return undefined;
    response.status(status).json(errorBody(code, message, details));
    return undefined;
  }

  /** gRPC: deliberate errors keep their status; an unreachable database is UNAVAILABLE, not UNKNOWN. */
  private catchRpc(exception: unknown): Observable<never> {
    // Only gRPC services get here, and they have both packages loaded already; HTTP-only ones never load them.
    const { RpcException } = require('@nestjs/microservices') as typeof import('@nestjs/microservices');
    const { status: GrpcStatus } = require('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
    if (exception instanceof RpcException) return throwError(() => exception.getError());
    if (isUnavailableDependency(exception)) {
      return throwError(() => ({ code: GrpcStatus.UNAVAILABLE, message: 'a dependency is unavailable' }));
    }
    this.logger.error({ err: exception }, 'unhandled error in a gRPC handler');
    return throwError(() => ({ code: GrpcStatus.INTERNAL, message: 'internal error' }));
  }
}

function describe(exception: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (exception instanceof AppError) {
    return { status: exception.status, code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? [(body as { message: unknown }).message].flat().join('; ')
        : exception.message;
    return { status, code: statusToErrorCode(status), message };
  }
  if (isUnavailableDependency(exception)) {
    return { status: 503, code: ErrorCode.DependencyUnavailable, message: 'a dependency is unavailable, try again shortly' };
  }
  return { status: 500, code: ErrorCode.Internal, message: 'internal error' };
}

/** Network and Postgres errors that mean "down or overloaded", not "bug". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isUnavailableDependency(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = String((error as Error)?.message ?? '');
  return /timeout exceeded when trying to connect|Connection terminated/i.test(message);
}
