import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@tracelab/service-kit';
import type { FraudConfig } from './config';
import { RiskModule } from './risk/risk.module';

@Module({})
export class AppModule {
  static register(config: FraudConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ config, service: 'fraud-detection', migrationsDir: join(__dirname, '..', 'migrations') }), RiskModule],
    };
  }
}
