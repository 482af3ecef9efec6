import { join } from 'node:path';
import { ensureVhost, hasExited, type Stack, startStack } from '@tracelab/local-stack';
import { type Receiver, startReceiver } from '@tracelab/otlp-receiver';
import { Client } from 'pg';
import { AMQP_BROKER } from '../support/env';
import { orderBody } from '../support/shop';

export { request as send, type Reply } from '../support/shop';
export { eventually, sleep } from '../support/wait';

/**
 * A stack of its own for the hardening suites: they kill connections, pause and stop services,
 * which must not disturb the shared end-to-end stack. Own ports (+200), database, vhost,
 * receiver and log folder.
 */
export const HARDENING_DB = 'tracelab_hardening';
export const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${HARDENING_DB}`;
export const ADMIN_TOKEN = 'hardening-admin-token';
const VHOST = 'tracelab_hardening';
const PORT_OFFSET = 200;
const RECEIVER_PORT = 14518;

export interface Hardening {
  stack: Stack;
  receiver: Receiver;
  gateway: string;
  db: Client;
  logDir: string;
  amqpUrl: string;
  close(): Promise<void>;
}

/** Each suite starts from an empty database, so its stock and order checks see only its own orders. */
async function freshDatabase(): Promise<void> {
  const admin = new Client({ connectionString: DATABASE_URL.replace(`/${HARDENING_DB}`, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${HARDENING_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function startHardeningStack(suite: string, env: Record<string, string> = {}): Promise<Hardening> {
  await freshDatabase();
  const amqpUrl = ensureVhost(VHOST, AMQP_BROKER);
  const receiver = await startReceiver({ port: RECEIVER_PORT });
  const logDir = join(__dirname, '../../.e2e/hardening', suite);
  let stack: Stack;
  try {
    stack = await startStack({
      portOffset: PORT_OFFSET,
      logDir,
      readyTimeoutMs: 180000,
      env: {
        DATABASE_URL,
        AMQP_URL: amqpUrl,
        LOG_LEVEL: 'info',
        FRAUD_RISK_ROWS: '20000',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
        ADMIN_TOKEN,
        ...env,
      },
    });
  } catch (error) {
    await receiver.close();
    throw error;
  }
  const db = new Client({ connectionString: DATABASE_URL });
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

export const order = (overrides: Record<string, unknown> = {}) => ({ ...orderBody(), ...overrides });

/** Processes of the stack that are not running (crashed or stopped). */
export const deadServices = (stack: Stack) =>
  stack.services.filter((s) => hasExited(s.process)).map((s) => `${s.name} (${s.process.exitCode ?? s.process.signalCode})`);
