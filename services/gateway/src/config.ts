import { baseEnv, bindHost, httpUrl, loadConfig, port, positiveInt, postgresUrl, z } from '@tracelab/config';

const schema = z.object({
  ...baseEnv,
  PORT: port(8080),
  /** The public entry point listens on every interface by default. */
  BIND_HOST: bindHost('0.0.0.0'),
  ORDER_URL: httpUrl('http://127.0.0.1:3001'),
  /** Largest accepted request body; bigger ones get 413. */
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/, 'must be a size such as 64kb').default('64kb'),
  /** Order placement includes payment retries, so give it room. */
  ORDER_TIMEOUT_MS: positiveInt(10000),
  /** Fault switches and lab progress live in Postgres. */
  DATABASE_URL: postgresUrl(),
  /** Bearer token of /admin/*. The default suits a workshop laptop, not the internet. */
  ADMIN_TOKEN: z.string().min(8, 'must be at least 8 characters').default('workshop'),
  /** Jaeger UI as the learner's browser reaches it (links in the console). */
  JAEGER_UI_URL: httpUrl('http://localhost:16686'),
});

export type GatewayConfig = z.infer<typeof schema>;
export const loadGatewayConfig = () => loadConfig(schema);
