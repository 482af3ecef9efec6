/**
 * Where an end-to-end stack runs. The receiver tier (e2e/jest.config.js) moves ports by 10000;
 * the pipeline tier (e2e/pipeline/jest.config.js sets TRACELAB_E2E_TIER=pipeline) by 5000, with
 * its own database and RabbitMQ vhost, so neither collides with `pnpm start:local` or the other.
 * The compose tier (TRACELAB_E2E_TIER=compose) publishes compose's own ports on 127.0.0.17
 * (e2e/compose/support/stack.mjs).
 */
const PIPELINE = process.env.TRACELAB_E2E_TIER === 'pipeline';
const NAME = PIPELINE ? 'tracelab_pipeline' : 'tracelab_e2e';

export const PORT_OFFSET = PIPELINE ? 5000 : 10000;
export const DATABASE_URL = process.env.E2E_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${NAME}`;
export const AMQP_BROKER = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const AMQP_VHOST = NAME;
export const AMQP_URL = `${AMQP_BROKER}/${AMQP_VHOST}`;
export const ADMIN_TOKEN = process.env.E2E_ADMIN_TOKEN ?? 'e2e-admin-token';
export const COMPOSE_HOST = '127.0.0.17';
export const GATEWAY_URL = process.env.TRACELAB_E2E_TIER === 'compose' ? `http://${COMPOSE_HOST}:8080` : `http://127.0.0.1:${8080 + PORT_OFFSET}`;
export const RECEIVER_PORT = 14318;
export const RECEIVER_URL = `http://127.0.0.1:${RECEIVER_PORT}`;
export const LOG_DIR = `${__dirname}/../../.e2e/${PIPELINE ? 'pipeline-logs' : 'logs'}`;
