import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, FaultsModule, HealthModule, loggerModule } from '@tracelab/service-kit';
import type { InventoryConfig } from './config';
import { InventoryModule } from './inventory/inventory.module';

@Module({})
export class AppModule {
  static register(config: InventoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config.LOG_LEVEL),
        HealthModule,
        DatabaseModule.forRoot({ service: 'inventory', migrationsDir: join(__dirname, '..', 'migrations') }),
        FaultsModule,
        InventoryModule,
      ],
    };
  }
}
