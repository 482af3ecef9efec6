import { baseEnv, loadConfig, port, positiveInt, postgresUrl, z } from '@tracelab/config';

const schema = z.object({
  ...baseEnv,
  PORT: port(3004),
  GRPC_PORT: port(50053),
  DATABASE_URL: postgresUrl(),
  /** Rows in customer_risk: big enough that losing the index hurts. */
  FRAUD_RISK_ROWS: positiveInt(2_000_000),
});

export type FraudConfig = z.infer<typeof schema>;
export const loadFraudConfig = () => loadConfig(schema);
