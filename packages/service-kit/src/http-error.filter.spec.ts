import { type ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { AppError, ErrorCode } from './errors';
import { HttpErrorFilter, isUnavailableDependency } from './http-error.filter';

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return sent;
}

describe('HttpErrorFilter', () => {
  it('answers an AppError with its status, code and details', () => {
    const sent = answer(new AppError(409, ErrorCode.OutOfStock, 'out of stock: TL-LIMITED', { orderId: 'o-1' }));
    expect(sent).toEqual({
      status: 409,
      body: { error: 'out_of_stock', message: 'out of stock: TL-LIMITED', traceId: null, details: { orderId: 'o-1' } },
    });
  });

  it('keeps the status of Nest HTTP exceptions and gives them a stable code', () => {
    expect(answer(new NotFoundException('Cannot GET /nope'))).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(answer(new BadRequestException(['a must be a string', 'b is missing']))).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', message: 'a must be a string; b is missing' },
    });
  });

  it('answers 503 when a dependency is down, 500 only for the unexpected', () => {
    expect(answer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({
      status: 503,
      body: { error: 'dependency_unavailable' },
    });
    const bug = answer(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(bug).toMatchObject({ status: 500, body: { error: 'internal_error', message: 'internal error' } });
  });

  it('recognises Postgres shutdown and pool timeouts as unavailability', () => {
    expect(isUnavailableDependency({ code: '57P01' })).toBe(true);
    expect(isUnavailableDependency(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isUnavailableDependency({ code: '23505' })).toBe(false);
  });
});
