import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ConfigModule } from './config.module';
import { DatabaseModule } from './database.module';
import { FaultsModule } from './faults.module';
import { HealthModule } from './health';
import { loggerModule } from './logger';

export interface ServiceCoreOptions {
  /** The config validated at start-up (APP_CONFIG); needs LOG_LEVEL and DATABASE_URL. */
  config: { LOG_LEVEL: string; DATABASE_URL: string };
  service: string;
  /** The service's own SQL migrations, if it owns tables. */
  migrationsDir?: string;
  poolSize?: number;
  /** Connect to RabbitMQ (needs AMQP_URL in the config). */
  messaging?: boolean;
}

/**
 * What every service has: typed config, JSON logs, /healthz, Postgres with migrations, the fault
 * switches, and RabbitMQ when it talks over the queue. Each AppModule adds only its features.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        ConfigModule.forRoot(options.config),
        loggerModule(options.config.LOG_LEVEL),
        HealthModule,
        DatabaseModule.forRoot({ service: options.service, migrationsDir: options.migrationsDir, poolSize: options.poolSize }),
        FaultsModule,
        ...(options.messaging ? [messagingModule()] : []),
      ],
    };
  }
}

/** Required only when asked for: services that do not use the queue never load amqplib. */
function messagingModule(): Type<unknown> {
  return (require('./messaging.module') as typeof import('./messaging.module')).MessagingModule;
}
