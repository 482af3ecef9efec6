import { amqpUrl, baseEnv, loadConfig, nonNegativeInt, port, positiveInt, postgresUrl, z } from '@tracelab/config';

const schema = z.object({
  ...baseEnv,
  PORT: port(3005),
  DATABASE_URL: postgresUrl(),
  AMQP_URL: amqpUrl(),
  /** Simulated time to send one confirmation e-mail. */
  NOTIFY_LATENCY_MS: nonNegativeInt(25),
  /** Messages in flight per consumer. */
  NOTIFY_PREFETCH: positiveInt(16),
  /** child: the consumer span continues the order's trace; link: a new trace linked to it. */
  CONSUMER_SPAN_MODE: z.enum(['child', 'link']).default('child'),
});

export type NotificationConfig = z.infer<typeof schema>;
export const loadNotificationConfig = () => loadConfig(schema);
