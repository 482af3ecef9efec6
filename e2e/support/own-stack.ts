import { join } from 'node:path';
import { ensureVhost, type Stack, startStack } from '@tracelab/local-stack';
import { type Receiver, startReceiver } from '@tracelab/otlp-receiver';
import { Client } from 'pg';
import { AMQP_BROKER } from './env';

/**
 * Where a suite's own stack lives: ports moved by `portOffset`, a database and a RabbitMQ vhost
 * named `name`, an OTLP receiver on `receiverPort`, logs under .e2e/<name>/<suite>. Suites that
 * kill, pause or reconfigure services use one so the shared end-to-end stack is not disturbed.
 */
export interface OwnStackPlace {
  name: string;
  portOffset: number;
  receiverPort: number;
}

export interface OwnStack {
  stack: Stack;
  receiver: Receiver;
  gateway: string;
  db: Client;
  logDir: string;
  amqpUrl: string;
  close(): Promise<void>;
}

export const databaseUrl = (place: OwnStackPlace) => `postgres://postgres@127.0.0.1:5432/${place.name}`;

/** Each suite starts from an empty database, so its stock and order checks see only its own orders. */
export async function freshDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function startOwnStack(
  place: OwnStackPlace,
  suite: string,
  env: Record<string, string> = {},
  receiverOptions: { keepRawBodies?: boolean } = {},
): Promise<OwnStack> {
  await freshDatabase(place.name);
  const amqpUrl = ensureVhost(place.name, AMQP_BROKER);
  const receiver = await startReceiver({ port: place.receiverPort, ...receiverOptions });
  const logDir = join(__dirname, '../../.e2e', place.name.replace(/^tracelab_/, ''), suite);
  let stack: Stack;
  try {
    stack = await startStack({
      portOffset: place.portOffset,
      logDir,
      readyTimeoutMs: 180000,
      env: {
        DATABASE_URL: databaseUrl(place),
        AMQP_URL: amqpUrl,
        LOG_LEVEL: 'info',
        FRAUD_RISK_ROWS: '20000',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
        ...env,
      },
    });
  } catch (error) {
    await receiver.close();
    throw error;
  }
  const db = new Client({ connectionString: databaseUrl(place) });
  await db.connect();
  return {
    stack,
    receiver,
    gateway: stack.gatewayUrl,
    db,
    logDir,
    amqpUrl,
    async close() {
      await db.end().catch(() => undefined);
      await stack.stop();
      await receiver.close();
    },
  };
}
