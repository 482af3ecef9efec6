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
  /** Where the console's trace page reads traces, server-side: Jaeger's api/v3, or the local OTLP receiver. */
  TRACE_SOURCE: z.enum(['jaeger', 'local'], { message: "must be 'jaeger' or 'local'" }).default('jaeger'),
  /** Jaeger's query service as the gateway reaches it (api/v3); not the browser's JAEGER_UI_URL. */
  JAEGER_QUERY_URL: httpUrl('http://localhost:16686'),
  /** The local OTLP receiver's GET /spans (TRACE_SOURCE=local). */
  TRACE_RECEIVER_URL: httpUrl('http://127.0.0.1:4318'),
  /** The trace page answers within this budget, naming the source that did not. */
  TRACE_READ_BUDGET_MS: positiveInt(5000),
  /** A trace at least this long gets the "slow" badge (the collector's tail-sampling threshold). */
  SLOW_TRACE_THRESHOLD_MS: positiveInt(1000),
  /** The trace page's log lines: VictoriaLogs, the local receiver (TRACE_RECEIVER_URL), or none. */
  LOG_STORE: z.enum(['none', 'victorialogs', 'local'], { message: "must be 'none', 'victorialogs' or 'local'" }).default('none'),
  /** VictoriaLogs as the gateway reaches it (LOG_STORE=victorialogs). */
  LOG_STORE_URL: httpUrl('http://localhost:9428'),
});

export type GatewayConfig = z.infer<typeof schema>;
export const loadGatewayConfig = () => loadConfig(schema);
