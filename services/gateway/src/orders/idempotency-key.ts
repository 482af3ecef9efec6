import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '@tracelab/service-kit';
import stringify from 'safe-stable-stringify';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The Idempotency-Key header: 1-255 visible ASCII characters, or absent. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^[\x21-\x7e]{1,255}$/.test(value)) return value;
  const problem = 'must be 1 to 255 visible ASCII characters, sent once';
  throw new AppError(400, ErrorCode.InvalidRequest, `Idempotency-Key ${problem}`, { fields: [{ field: 'Idempotency-Key', problems: [problem] }] });
}

/** Same body, same hash, whatever the order of its keys. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(stringify(body) ?? '').digest('hex');
}
