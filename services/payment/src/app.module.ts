import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, FaultsModule, HealthModule, loggerModule } from '@tracelab/service-kit';
import type { PaymentConfig } from './config';
import { PaymentsModule } from './payments/payments.module';

@Module({})
export class AppModule {
  static register(config: PaymentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config.LOG_LEVEL),
        HealthModule,
        DatabaseModule.forRoot({ service: 'payment', poolSize: 2 }),
        FaultsModule,
        PaymentsModule,
      ],
    };
  }
}
