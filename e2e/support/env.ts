/** Where the end-to-end stack runs: ports moved by 10000 so it never collides with `pnpm start:local`. */
export const PORT_OFFSET = 10000;
export const DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tracelab_e2e';
export const AMQP_BROKER = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const AMQP_VHOST = 'tracelab_e2e';
export const AMQP_URL = `${AMQP_BROKER}/${AMQP_VHOST}`;
export const ADMIN_TOKEN = process.env.E2E_ADMIN_TOKEN ?? 'e2e-admin-token';
export const GATEWAY_URL = `http://127.0.0.1:${8080 + PORT_OFFSET}`;
export const RECEIVER_PORT = 14318;
export const RECEIVER_URL = `http://127.0.0.1:${RECEIVER_PORT}`;
export const LOG_DIR = `${__dirname}/../../.e2e/logs`;
