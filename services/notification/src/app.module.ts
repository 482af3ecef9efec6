import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, FaultsModule, HealthModule, loggerModule, MessagingModule } from '@tracelab/service-kit';
import type { NotificationConfig } from './config';
import { NotificationsModule } from './notifications/notifications.module';

@Module({})
export class AppModule {
  static register(config: NotificationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config.LOG_LEVEL),
        HealthModule,
        DatabaseModule.forRoot({ service: 'notification', migrationsDir: join(__dirname, '..', 'migrations') }),
        FaultsModule,
        MessagingModule,
        NotificationsModule,
      ],
    };
  }
}
