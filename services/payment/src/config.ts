import { baseEnv, grpcAddress, loadConfig, nonNegativeInt, port, positiveInt, postgresUrl, z } from '@tracelab/config';

const schema = z.object({
  ...baseEnv,
  PORT: port(3003),
  GRPC_PORT: port(50052),
  /** Only for the fault switches. */
  DATABASE_URL: postgresUrl(),
  FRAUD_GRPC_URL: grpcAddress('127.0.0.1:50053'),
  /** Deadline of one Score call. */
  FRAUD_TIMEOUT_MS: positiveInt(1000),
  /** Score calls per charge, first try included. */
  FRAUD_MAX_ATTEMPTS: positiveInt(3),
  /** First retry delay; doubles each retry (with jitter). */
  FRAUD_RETRY_BASE_MS: positiveInt(50),
  /** Consecutive failures that open the circuit breaker. */
  FRAUD_BREAKER_THRESHOLD: positiveInt(5),
  FRAUD_BREAKER_HALF_OPEN_MS: positiveInt(5000),
  /** Simulated card-network latency of a charge. */
  CHARGE_LATENCY_MS: nonNegativeInt(5),
});

export type PaymentConfig = z.infer<typeof schema>;
export const loadPaymentConfig = () => loadConfig(schema);
