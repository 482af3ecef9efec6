import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { ORDER_ID_HEADER, type PlaceOrderDto, TIMEOUT_HEADER } from '@tracelab/contracts/http';
import { APP_CONFIG, AppError, ErrorCode, errorBody, serverSpan, statusToErrorCode } from '@tracelab/service-kit';
import { currentTraceId, withBaggage } from '@tracelab/telemetry';
import type { GatewayConfig } from '../config';
import { customerTier } from './customer-tier';
import { requestHash } from './idempotency-key';
import { IdempotencyStore, type StoredAnswer } from './idempotency.store';
import { OrderApiClient, OrderServiceUnreachable, type Upstream } from './order-api.client';
import { answerOf, outcomeUnknown } from './outcome';

/** Success bodies pass through; errors are re-raised so they leave in the gateway's own format. */
function unwrap(upstream: Upstream): unknown {
  if (upstream.status < 400) return upstream.body;
  const body = (upstream.body ?? {}) as { error?: string; message?: string; details?: unknown };
  throw new AppError(
    upstream.status,
    body.error ?? statusToErrorCode(upstream.status),
    body.message ?? `order service answered ${upstream.status}`,
    body.details,
  );
}

/** Left of the gateway's budget for the answer to travel back. */
const ANSWER_MARGIN_MS = 250;

export interface Answer extends StoredAnswer {
  replayed?: boolean;
}

@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    private readonly orderApi: OrderApiClient,
    private readonly keys: IdempotencyStore,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Places an order; with an Idempotency-Key, a repeat of the same request gets the first one's answer. */
  async place(dto: PlaceOrderDto, key?: string): Promise<Answer> {
    // The client's own shop.customer.tier was dropped on the way in; this one is the gateway's.
    serverSpan()?.setAttribute('shop.customer.tier', customerTier(dto.customerId));
    if (!key) return { status: 201, body: await this.submit(randomUUID(), dto) };
    const hash = requestHash(dto);
    const orderId = randomUUID();
    if (await this.keys.claim(key, hash, orderId)) return this.submitKeyed(key, orderId, dto);

    const record = await this.keys.find(key);
    if (!record) throw new AppError(409, 'idempotency_key_in_use', 'a request with this Idempotency-Key is still running');
    if (record.requestHash !== hash) {
      throw new AppError(422, 'idempotency_key_reused', 'this Idempotency-Key was used with a different request body', { orderId: record.orderId });
    }
    if (record.state === 'done' && record.answer) return { ...record.answer, replayed: true };
    const stale = record.ageMs > this.config.ORDER_TIMEOUT_MS + 1000;
    if (record.state === 'running' && !stale) {
      throw new AppError(409, 'idempotency_key_in_use', 'a request with this Idempotency-Key is still running', { orderId: record.orderId });
    }
    const known = await this.storedAnswer(record.orderId).catch(async (error: unknown) => {
      // The first attempt failed for certain: the key is free again.
      if ((error as AppError).details) await this.keys.release(key);
      throw error;
    });
    if (known) {
      await this.keys.finish(key, known);
      return { ...known, replayed: true };
    }
    if (!(await this.keys.retake(key, this.config.ORDER_TIMEOUT_MS + 1000))) {
      throw new AppError(409, 'idempotency_key_in_use', 'a request with this Idempotency-Key is still running', { orderId: record.orderId });
    }
    return this.submitKeyed(key, record.orderId, dto);
  }

  async find(id: string): Promise<unknown> {
    return unwrap(await this.orderApi.request('GET', `/orders/${id}`));
  }

  /** For the console, which polls it: housekeeping, so not traced on either side. */
  async recent(limit: number): Promise<unknown> {
    return unwrap(await context.with(suppressTracing(context.active()), () => this.orderApi.request('GET', `/orders?limit=${limit}`)));
  }

  async products(): Promise<unknown> {
    return unwrap(await this.orderApi.request('GET', '/products'));
  }

  /** Sends the order under the id the gateway chose. Unreachable after sending: the outcome is unknown (504). */
  private async submit(orderId: string, dto: PlaceOrderDto): Promise<Record<string, unknown>> {
    const headers = { [ORDER_ID_HEADER]: orderId, [TIMEOUT_HEADER]: String(Math.max(1, this.config.ORDER_TIMEOUT_MS - ANSWER_MARGIN_MS)) };
    const post = () => withBaggage({ 'shop.customer.tier': customerTier(dto.customerId) }, () => this.orderApi.request('POST', '/orders', dto, headers));
    let upstream: Upstream;
    try {
      upstream = await post().catch((error: unknown) => {
        // A keep-alive connection the order service closed as we sent: safe to send once more,
        // since the order id makes a second delivery a replay, not a second order.
        if (error instanceof OrderServiceUnreachable && error.maybeDelivered && !error.timedOut) return post();
        throw error;
      });
    } catch (error) {
      if (error instanceof OrderServiceUnreachable && error.maybeDelivered) throw outcomeUnknown(orderId, error.message);
      throw error;
    }
    if (upstream.status === 409 && (upstream.body as { error?: string })?.error === 'order_in_progress') {
      throw outcomeUnknown(orderId, 'the order service is still placing it');
    }
    const placed = unwrap(upstream) as Record<string, unknown>;
    return { ...placed, traceId: currentTraceId() ?? placed.traceId ?? null };
  }

  private async submitKeyed(key: string, orderId: string, dto: PlaceOrderDto): Promise<Answer> {
    try {
      const answer = { status: 201, body: await this.submit(orderId, dto) };
      await this.remember(() => this.keys.finish(key, answer));
      return answer;
    } catch (error) {
      const failure = error instanceof AppError ? error : undefined;
      if (failure?.status === 504) await this.remember(() => this.keys.markUnknown(key));
      // Certainly not placed: the key is free for the client's next try.
      else if (!failure || failure.status === 503) await this.remember(() => this.keys.release(key));
      else await this.remember(() => this.keys.finish(key, { status: failure.status, body: errorBody(failure.code, failure.message, failure.details) }));
      throw error;
    }
  }

  /** The answer the order service's record gives, or undefined while it has none (or the order failed). */
  private async storedAnswer(orderId: string): Promise<StoredAnswer | undefined> {
    const upstream = await this.orderApi.request('GET', `/orders/${orderId}`);
    if (upstream.status === 404) return undefined;
    const order = unwrap(upstream) as Parameters<typeof answerOf>[0];
    const answer = answerOf(order);
    if (!answer) throw new AppError(503, ErrorCode.DependencyUnavailable, `order ${orderId} failed: ${order.failureReason ?? order.status}`, { orderId });
    return answer;
  }

  /** The key's record must not turn an answered order into an error: a failure here is logged. */
  private async remember(write: () => Promise<void>): Promise<void> {
    await write().catch((error: unknown) => this.logger.error({ err: error }, 'idempotency key record not updated'));
  }
}
