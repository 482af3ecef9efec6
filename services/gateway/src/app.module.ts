import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, HealthModule, loggerModule } from '@tracelab/service-kit';
import type { GatewayConfig } from './config';
import { OrdersModule } from './orders/orders.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), loggerModule(config.LOG_LEVEL), HealthModule, OrdersModule],
    };
  }
}
