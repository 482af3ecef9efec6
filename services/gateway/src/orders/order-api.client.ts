import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppError, ErrorCode } from '@tracelab/service-kit';
import type { GatewayConfig } from '../config';

export interface Upstream {
  status: number;
  body: unknown;
}

/** Connection refused or no such host: the request certainly never reached the order service. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** No usable answer from the order service; `maybeDelivered` when it may have acted on the request. */
export class OrderServiceUnreachable extends AppError {
  constructor(
    message: string,
    readonly maybeDelivered: boolean,
    /** No answer within ORDER_TIMEOUT_MS (rather than a broken connection). */
    readonly timedOut = false,
  ) {
    super(503, ErrorCode.DependencyUnavailable, message);
  }
}

/**
 * HTTP calls to the order service. fetch is instrumented (undici), so each call is a client
 * span and carries traceparent and baggage.
 */
@Injectable()
export class OrderApiClient {
  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Upstream> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(path, this.config.ORDER_URL), {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.ORDER_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      const timedOut = (error as Error).name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${this.config.ORDER_TIMEOUT_MS} ms` : (error as Error).message;
      throw new OrderServiceUnreachable(`order service unavailable: ${reason}`, !NOT_SENT.has(code ?? ''), timedOut);
    }
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      throw new OrderServiceUnreachable(`order service answered ${response.status} without JSON`, true);
    }
  }
}
