import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@tracelab/service-kit';
import type { InventoryConfig } from './config';
import { InventoryModule } from './inventory/inventory.module';

@Module({})
export class AppModule {
  static register(config: InventoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ config, service: 'inventory', migrationsDir: join(__dirname, '..', 'migrations') }), InventoryModule],
    };
  }
}
