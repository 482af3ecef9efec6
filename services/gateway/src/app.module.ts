import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, FaultsModule, HealthModule, loggerModule } from '@tracelab/service-kit';
import { AdminModule } from './admin/admin.module';
import { ConsoleModule } from './console/console.module';
import type { GatewayConfig } from './config';
import { OrdersModule } from './orders/orders.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config.LOG_LEVEL),
        HealthModule,
        DatabaseModule.forRoot({ service: 'gateway', poolSize: 4 }),
        FaultsModule,
        OrdersModule,
        AdminModule,
        ConsoleModule,
      ],
    };
  }
}
