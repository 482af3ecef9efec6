export { createPool, pingDatabase, type Pool } from './pool';
export { ensureDatabase } from './ensure-database';
export { migrate, type MigrationLogger } from './migrate';
