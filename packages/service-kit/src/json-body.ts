import { json, type NextFunction, type Request, type Response } from 'express';
import { recordFailure } from '@tracelab/telemetry';
import { errorBody } from './error-body';
import { ErrorCode } from './errors';
import { serverSpan } from './server-span';

/** Far deeper than any body of the API (an order is 3 levels); deep enough nesting overflows validation. */
export const MAX_JSON_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Nesting depth of a JSON text, counted without parsing it; stops as soon as `limit` is passed. */
export function jsonDepthExceeds(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
}

/** Path of the first key that could reach an object's prototype (`items[0].__proto__`), if any. */
export function forbiddenKeyPath(value: unknown, path = ''): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenKeyPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const here = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return here;
      const found = forbiddenKeyPath((value as Record<string, unknown>)[key], here);
      if (found) return found;
    }
  }
  return undefined;
}

class BodyTooDeepError extends Error {
  readonly type = 'entity.too.deep';
  constructor() {
    super(`request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

function answer(response: Response, status: number, code: string, message: string, type: string, details?: unknown): void {
  // The parser's own message quotes the body, which may hold a card number: record ours instead.
  recordFailure(serverSpan(), new Error(message), type);
  response.status(status).json(errorBody(code, message, details));
}

/** Parses JSON bodies and answers parse, size, depth and prototype-key errors in the API's error format. */
export function jsonBodies(limit: string) {
  const parse = json({
    limit,
    verify: (_request, _response, body) => {
      if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) throw new BodyTooDeepError();
    },
  });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      if (!error) {
        const forbidden = forbiddenKeyPath(request.body);
        if (!forbidden) return next();
        const fields = [{ field: forbidden, problems: ['is not allowed'] }];
        return answer(response, 400, ErrorCode.InvalidRequest, `invalid request: ${forbidden} is not allowed`, 'forbidden_key', { fields });
      }
      const type = (error as { type?: string }).type ?? 'invalid_body';
      if (type === 'entity.too.large') {
        answer(response, 413, ErrorCode.PayloadTooLarge, `request body is larger than ${limit}`, type);
      } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        answer(response, 415, ErrorCode.UnsupportedMediaType, (error as Error).message, type);
      } else if (type === 'entity.too.deep') {
        answer(response, 400, ErrorCode.InvalidRequest, (error as Error).message, type);
      } else {
        answer(response, 400, ErrorCode.InvalidRequest, 'request body is not valid JSON', type);
      }
    });
  };
}
