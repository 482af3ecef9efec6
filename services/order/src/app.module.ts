import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, FaultsModule, HealthModule, loggerModule, MessagingModule } from '@tracelab/service-kit';
import { CatalogModule } from './catalog/catalog.module';
import type { OrderConfig } from './config';
import { DownstreamModule } from './downstream/downstream.module';
import { OrdersModule } from './orders/orders.module';

@Module({})
export class AppModule {
  static register(config: OrderConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config.LOG_LEVEL),
        HealthModule,
        DatabaseModule.forRoot({ service: 'order', migrationsDir: join(__dirname, '..', 'migrations') }),
        FaultsModule,
        MessagingModule,
        DownstreamModule,
        CatalogModule,
        OrdersModule,
      ],
    };
  }
}
