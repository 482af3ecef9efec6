import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@tracelab/service-kit';
import type { PaymentConfig } from './config';
import { PaymentsModule } from './payments/payments.module';

@Module({})
export class AppModule {
  static register(config: PaymentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ config, service: 'payment', poolSize: 2 }), PaymentsModule],
    };
  }
}
