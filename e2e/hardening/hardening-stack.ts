import { hasExited, type Stack } from '@tracelab/local-stack';
import { databaseUrl, type OwnStack, startOwnStack } from '../support/own-stack';
import { orderBody } from '../support/shop';

export { request as send, type Reply } from '../support/shop';
export { eventually, sleep } from '../support/wait';

/**
 * A stack of its own for the hardening suites: they kill connections, pause and stop services,
 * which must not disturb the shared end-to-end stack. Own ports (+200), database, vhost,
 * receiver and log folder.
 */
const PLACE = { name: 'tracelab_hardening', portOffset: 200, receiverPort: 14518 };
export const HARDENING_DB = PLACE.name;
export const DATABASE_URL = databaseUrl(PLACE);
export const ADMIN_TOKEN = 'hardening-admin-token';

export type Hardening = OwnStack;

export const startHardeningStack = (suite: string, env: Record<string, string> = {}): Promise<Hardening> =>
  startOwnStack(PLACE, suite, { ADMIN_TOKEN, ...env });

export const order = (overrides: Record<string, unknown> = {}) => ({ ...orderBody(), ...overrides });

/** Processes of the stack that are not running (crashed or stopped). */
export const deadServices = (stack: Stack) =>
  stack.services.filter((s) => hasExited(s.process)).map((s) => `${s.name} (${s.process.exitCode ?? s.process.signalCode})`);
