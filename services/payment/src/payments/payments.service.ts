import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as payment from '@tracelab/contracts/payment';
import { APP_CONFIG } from '@tracelab/service-kit';
import { grpcErrorCode, GrpcStatus } from '@tracelab/service-kit/grpc';
import { inSpan } from '@tracelab/telemetry';
import type { PaymentConfig } from '../config';
import { BrokenCircuitError, FraudClient, isTransient } from './fraud-client';
import { CallerGoneError, FraudCheckUnavailableError, PaymentDeclinedError } from './payment.errors';
import { DECLINED_TEST_CARD } from './test-cards';

/** A card is valid through the last day of its expiry month. */
function isExpired(month: number, year: number, now = new Date()): boolean {
  return year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1);
}

@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    private readonly fraudClient: FraudClient,
    @Inject(APP_CONFIG) private readonly config: PaymentConfig,
  ) {}

  /** Scores the order for fraud, then charges the card. The card number never leaves this method. */
  /** `deadline` (epoch ms) is the caller's gRPC deadline: fraud retries stop there. */
  charge(request: payment.ChargeRequest, deadline?: number): Promise<payment.ChargeResponse> {
    const cardNumber = request.card?.number ?? '';
    const cardLast4 = cardNumber.slice(-4);
    return inSpan(
      'payment.charge',
      { 'shop.order.id': request.orderId, 'shop.payment.amount_cents': request.amountCents, 'shop.payment.card_last4': cardLast4 },
      async (span) => {
        let risk;
        try {
          risk = await this.scoreRisk(request, deadline);
        } finally {
          // After the call: a half-open trial that closes or re-opens the breaker shows its outcome.
          span.setAttribute('shop.circuit.state', this.fraudClient.circuitState);
        }
        span.setAttribute('shop.fraud.risk_score', risk.riskScore);
        if (risk.highRisk) this.logDecline(request.orderId, cardLast4)(new PaymentDeclinedError('high fraud risk'));
        // A charge nobody waits for any more would take money for an order that is not placed.
        if (deadline !== undefined && Date.now() >= deadline) throw new CallerGoneError();
        await inSpan('payment.authorize', { 'shop.payment.card_last4': cardLast4 }, async () => {
          await sleep(this.config.CHARGE_LATENCY_MS);
          if (cardNumber === DECLINED_TEST_CARD) throw new PaymentDeclinedError('card declined by issuer');
          if (isExpired(request.card?.expMonth ?? 0, request.card?.expYear ?? 0)) throw new PaymentDeclinedError('card expired');
        }).catch(this.logDecline(request.orderId, cardLast4));
        const paymentId = randomUUID();
        span.setAttribute('shop.payment.id', paymentId);
        return { paymentId, cardLast4, riskScore: risk.riskScore };
      },
    );
  }

  /** A decline is the order's story, not a fault: one warning in payment.charge's span, then the error goes on. */
  private logDecline(orderId: string, cardLast4: string): (error: unknown) => never {
    return (error) => {
      if (error instanceof PaymentDeclinedError) this.logger.warn({ orderId, cardLast4 }, `${error.message} (order ${orderId}, card ending ${cardLast4})`);
      throw error;
    };
  }

  private async scoreRisk(request: payment.ChargeRequest, deadline?: number) {
    const stop = deadline === undefined ? undefined : AbortSignal.timeout(Math.max(0, deadline - Date.now()));
    try {
      return await this.fraudClient.score(
        {
          orderId: request.orderId,
          customerId: request.customerId,
          amountCents: request.amountCents,
        },
        stop,
      );
    } catch (error) {
      if (stop?.aborted) throw new FraudCheckUnavailableError('timed out (caller deadline)', error);
      if (error instanceof BrokenCircuitError) throw new FraudCheckUnavailableError('circuit breaker open');
      if (isTransient(error)) {
        const code = grpcErrorCode(error);
        throw new FraudCheckUnavailableError(code === GrpcStatus.DEADLINE_EXCEEDED ? 'timed out' : 'unreachable', error);
      }
      throw error;
    }
  }
}
