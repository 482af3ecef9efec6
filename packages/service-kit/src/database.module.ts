import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { createPool, ensureDatabase, migrate, PgListener, pingDatabase, type Pool } from '@tracelab/db';
import { APP_CONFIG } from './config.module';
import { HealthRegistry } from './health';

export const PG_POOL = Symbol('PG_POOL');
/** The process's one LISTEN connection (PgListener), shared by every subscriber. */
export const PG_LISTENER = Symbol('PG_LISTENER');

interface DatabaseOptions {
  service: string;
  /** The service's own SQL migrations, if it owns tables. */
  migrationsDir?: string;
  poolSize?: number;
}

const STARTUP_ATTEMPTS = 30;

async function connectWithRetry(url: string, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureDatabase(url);
      return;
    } catch (error) {
      if (attempt >= STARTUP_ATTEMPTS) {
        throw new Error(`Postgres at ${new URL(url).host} is not reachable: ${(error as Error).message}`);
      }
      logger.warn(`Postgres not reachable yet (${(error as Error).message}), retrying`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

@Injectable()
class PoolCloser implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PG_LISTENER) private readonly listener: PgListener,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
    await this.pool.end();
  }
}

async function startListener(url: string, service: string): Promise<PgListener> {
  const logger = new Logger('Listener');
  const listener = new PgListener({
    connectionString: url,
    applicationName: `${service}:listen`,
    onError: (error) => logger.warn({ err: error }, 'LISTEN connection lost or refused; reconnecting with backoff'),
  });
  // Housekeeping: its queries (LISTEN, the periodic check) never join a span, not even the
  // start-up one; what its notifications set off starts from the same empty context.
  await context.with(suppressTracing(ROOT_CONTEXT), () => listener.start());
  return listener;
}

/** The service's Postgres pool, available once the database exists and migrations have run. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: PG_POOL,
          inject: [APP_CONFIG, HealthRegistry],
          useFactory: async (config: { DATABASE_URL: string }, health: HealthRegistry) => {
            const logger = new Logger('Database');
            await connectWithRetry(config.DATABASE_URL, logger);
            const pool = createPool(config.DATABASE_URL, options.service, options.poolSize);
            if (options.migrationsDir) {
              const applied = await migrate(pool, options.service, options.migrationsDir, {
                info: (message) => logger.debug(message),
                warn: (message) => logger.warn(message),
                error: (message) => logger.error(message),
              });
              if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);
            }
            health.register('postgres', () => pingDatabase(pool));
            return pool;
          },
        },
        {
          provide: PG_LISTENER,
          inject: [APP_CONFIG, PG_POOL],
          useFactory: (config: { DATABASE_URL: string }) => startListener(config.DATABASE_URL, options.service),
        },
        PoolCloser,
      ],
      exports: [PG_POOL, PG_LISTENER],
    };
  }
}
