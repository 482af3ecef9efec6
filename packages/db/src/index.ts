export { createPool, pingDatabase, type Pool } from './pool';
export type { PoolClient } from 'pg';
export { ensureDatabase } from './ensure-database';
export { type ChannelHandler, type ListenerOptions, PgListener } from './listener';
export { migrate, type MigrationLogger } from './migrate';
export { isConnectionError, retryOnConnectionLoss, withTransaction } from './transaction';
