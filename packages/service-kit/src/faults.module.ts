import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { PgListener, Pool } from '@tracelab/db';
import { FaultWatcher, prepareFaultTables } from '@tracelab/faults';
import { overridePropagators } from '@tracelab/telemetry';
import { PG_LISTENER, PG_POOL } from './database.module';

export { FaultWatcher };

@Injectable()
class FaultWatcherStopper implements OnApplicationShutdown {
  constructor(@Inject(FaultWatcher) private readonly watcher: FaultWatcher) {}

  onApplicationShutdown(): void {
    this.watcher.stop();
  }
}

/**
 * The fault switches, watched in every service (announced over LISTEN/NOTIFY, see FaultWatcher).
 * The propagator-mismatch fault is handled here for all services alike: the one it names speaks
 * only B3 while it is on.
 */
@Global()
@Module({
  providers: [
    {
      provide: FaultWatcher,
      inject: [PG_POOL, PG_LISTENER],
      useFactory: async (pool: Pool, listener: PgListener) => {
        const logger = new Logger('Faults');
        await prepareFaultTables(pool, {
          info: (m) => logger.debug(m),
          warn: (m) => logger.warn(m),
          error: (m) => logger.error(m),
        });
        const watcher = new FaultWatcher(pool, listener, (error) => logger.warn({ err: error }, 'reading fault switches failed'));
        await watcher.start();
        const self = process.env.OTEL_SERVICE_NAME;
        watcher.on('propagator-mismatch', ({ enabled, params }) => {
          const speaksOnly = enabled && params.service === self ? String(params.propagators ?? 'b3') : undefined;
          overridePropagators(speaksOnly);
          logger.log(speaksOnly ? `fault propagator-mismatch: speaking only ${speaksOnly}` : 'propagators as configured');
        });
        return watcher;
      },
    },
    FaultWatcherStopper,
  ],
  exports: [FaultWatcher],
})
export class FaultsModule {}
