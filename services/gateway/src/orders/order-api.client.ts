import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent, request } from './undici-request';
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
 * HTTP calls to the order service over kept-alive connections, with undici's request API: no
 * WHATWG streams or Response objects per call (fetch cost the gateway about 1.5 ms of CPU per
 * order). undici is instrumented, so each call is a client span and carries traceparent and baggage.
 */
@Injectable()
export class OrderApiClient implements OnModuleDestroy {
  private readonly dispatcher = new Agent({ connections: 128 });

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Upstream> {
    const signal = AbortSignal.timeout(this.config.ORDER_TIMEOUT_MS);
    let status: number;
    let text: string;
    try {
      const response = await request(new URL(path, this.config.ORDER_URL), {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        dispatcher: this.dispatcher,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      const reason = signal.aborted ? `no answer within ${this.config.ORDER_TIMEOUT_MS} ms` : (error as Error).message;
      throw new OrderServiceUnreachable(`order service unavailable: ${reason}`, !NOT_SENT.has(code ?? ''), signal.aborted);
    }
    try {
      return { status, body: JSON.parse(text) };
    } catch {
      throw new OrderServiceUnreachable(`order service answered ${status} without JSON`, true);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.close();
  }
}
