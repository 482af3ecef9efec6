import { amqpUrl, baseEnv, grpcAddress, loadConfig, port, positiveInt, postgresUrl, z } from '@tracelab/config';

const schema = z.object({
  ...baseEnv,
  PORT: port(3001),
  DATABASE_URL: postgresUrl(),
  AMQP_URL: amqpUrl(),
  INVENTORY_GRPC_URL: grpcAddress('127.0.0.1:50051'),
  PAYMENT_GRPC_URL: grpcAddress('127.0.0.1:50052'),
  INVENTORY_TIMEOUT_MS: positiveInt(2000),
  /** Covers payment's own retries of fraud-detection. */
  PAYMENT_TIMEOUT_MS: positiveInt(5000),
  /** While an event cannot be published or a reservation released, how often that is retried. */
  OUTBOX_INTERVAL_MS: positiveInt(1000),
  /** Safety sweep of the outbox and the deferred releases, for work nobody announced. */
  OUTBOX_SWEEP_MS: positiveInt(60000),
});

export type OrderConfig = z.infer<typeof schema>;
export const loadOrderConfig = () => loadConfig(schema);
