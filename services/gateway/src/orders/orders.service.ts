import { Injectable } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { PlaceOrderDto } from '@tracelab/contracts';
import { AppError, statusToErrorCode } from '@tracelab/service-kit';
import { currentTraceId, withBaggage } from '@tracelab/telemetry';
import { customerTier } from './customer-tier';
import { OrderApiClient, type Upstream } from './order-api.client';

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

@Injectable()
export class OrdersService {
  constructor(private readonly orderApi: OrderApiClient) {}

  async place(dto: PlaceOrderDto): Promise<unknown> {
    const baggage = { 'shop.customer.tier': customerTier(dto.customerId) };
    const upstream = await withBaggage(baggage, () => this.orderApi.request('POST', '/orders', dto));
    const placed = unwrap(upstream) as Record<string, unknown>;
    return { ...placed, traceId: currentTraceId() ?? placed.traceId ?? null };
  }

  async find(id: string): Promise<unknown> {
    return unwrap(await this.orderApi.request('GET', `/orders/${encodeURIComponent(id)}`));
  }

  /** For the console, which polls it: housekeeping, so not traced on either side. */
  async recent(limit: number): Promise<unknown> {
    return unwrap(await context.with(suppressTracing(context.active()), () => this.orderApi.request('GET', `/orders?limit=${limit}`)));
  }

  async products(): Promise<unknown> {
    return unwrap(await this.orderApi.request('GET', '/products'));
  }
}
