import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@tracelab/service-kit';
import { CatalogModule } from './catalog/catalog.module';
import type { OrderConfig } from './config';
import { DownstreamModule } from './downstream/downstream.module';
import { OrdersModule } from './orders/orders.module';

@Module({})
export class AppModule {
  static register(config: OrderConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ config, service: 'order', migrationsDir: join(__dirname, '..', 'migrations'), messaging: true }), DownstreamModule, CatalogModule, OrdersModule],
    };
  }
}
