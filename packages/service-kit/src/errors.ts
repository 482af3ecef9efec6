/** Stable, documented error codes of the public API (docs/api.md). */
export enum ErrorCode {
  InvalidRequest = 'invalid_request',
  Unauthorized = 'unauthorized',
  NotFound = 'not_found',
  OutOfStock = 'out_of_stock',
  PaymentDeclined = 'payment_declined',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  DependencyUnavailable = 'dependency_unavailable',
  Internal = 'internal_error',
}

/** An error the API answers on purpose, with its HTTP status and a stable code. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** Span attribute error.type for this failure. */
  get errorType(): string {
    return this.code;
  }
}
