import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppError, ErrorCode } from '@tracelab/service-kit';
import type { GatewayConfig } from '../config';

export interface Upstream {
  status: number;
  body: unknown;
}

/**
 * HTTP calls to the order service. fetch is instrumented (undici), so each call is a client
 * span and carries traceparent and baggage.
 */
@Injectable()
export class OrderApiClient {
  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Upstream> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.config.ORDER_URL), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.ORDER_TIMEOUT_MS),
      });
    } catch (error) {
      throw new AppError(503, ErrorCode.DependencyUnavailable, `order service unavailable: ${(error as Error).message}`);
    }
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      throw new AppError(503, ErrorCode.DependencyUnavailable, `order service answered ${response.status} without JSON`);
    }
  }
}
