import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import * as fraud from '@tracelab/contracts/fraud';
import { APP_CONFIG } from '@tracelab/service-kit';
import { callUnary, grpcErrorCode, GrpcStatus } from '@tracelab/service-kit/grpc';
import { withSpanAttributes } from '@tracelab/telemetry';
import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  type CircuitBreakerPolicy,
  type RetryPolicy,
  retry,
} from 'cockatiel';
import type { PaymentConfig } from '../config';

export const FRAUD_CLIENT = Symbol('FRAUD_CLIENT');

/** Failures worth another try: the server was unreachable, overloaded or too slow. */
const TRANSIENT = new Set<number>([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.ABORTED,
]);
export const isTransient = (error: unknown) => TRANSIENT.has(grpcErrorCode(error) ?? -1);

export { BrokenCircuitError };

/**
 * Score calls with retries (exponential backoff) inside a circuit breaker. Every attempt is its
 * own gRPC client span carrying `shop.retry.attempt`, so retries are visible in the trace.
 */
@Injectable()
export class FraudClient implements OnModuleInit {
  private service!: fraud.FraudDetectionServiceClient;
  private readonly retries: RetryPolicy;
  private readonly breaker: CircuitBreakerPolicy;

  constructor(
    @Inject(FRAUD_CLIENT) private readonly client: ClientGrpc,
    @Inject(APP_CONFIG) private readonly config: PaymentConfig,
  ) {
    const transient = handleWhen(isTransient);
    this.retries = retry(transient, {
      maxAttempts: config.FRAUD_MAX_ATTEMPTS - 1,
      backoff: new ExponentialBackoff({ initialDelay: config.FRAUD_RETRY_BASE_MS, maxDelay: 2000 }),
    });
    this.breaker = circuitBreaker(transient, {
      halfOpenAfter: config.FRAUD_BREAKER_HALF_OPEN_MS,
      breaker: new ConsecutiveBreaker(config.FRAUD_BREAKER_THRESHOLD),
    });
  }

  onModuleInit(): void {
    this.service = this.client.getService<fraud.FraudDetectionServiceClient>(fraud.FRAUD_DETECTION_SERVICE_NAME);
  }

  /** closed, open or half-open: recorded on every charge span. */
  get circuitState(): string {
    return ['closed', 'open', 'half-open', 'isolated'][this.breaker.state] ?? String(this.breaker.state);
  }

  /** `stop` ends the retries once the caller's deadline has passed: no tries nobody waits for. */
  score(request: fraud.ScoreRequest, stop?: AbortSignal): Promise<fraud.ScoreResponse> {
    // The breaker sees one call per charge; the retries happen inside it.
    return this.breaker.execute(() =>
      this.retries.execute(({ attempt }) =>
        withSpanAttributes({ 'shop.retry.attempt': attempt + 1 }, () =>
          callUnary(this.service.score.bind(this.service), request, this.config.FRAUD_TIMEOUT_MS),
        ),
      stop),
    stop);
  }
}
