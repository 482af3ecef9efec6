import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@tracelab/service-kit';
import type { NotificationConfig } from './config';
import { NotificationsModule } from './notifications/notifications.module';

@Module({})
export class AppModule {
  static register(config: NotificationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ config, service: 'notification', migrationsDir: join(__dirname, '..', 'migrations'), messaging: true }), NotificationsModule],
    };
  }
}
