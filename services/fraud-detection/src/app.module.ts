import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, FaultsModule, HealthModule, loggerModule } from '@tracelab/service-kit';
import type { FraudConfig } from './config';
import { RiskModule } from './risk/risk.module';

@Module({})
export class AppModule {
  static register(config: FraudConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config.LOG_LEVEL),
        HealthModule,
        DatabaseModule.forRoot({ service: 'fraud-detection', migrationsDir: join(__dirname, '..', 'migrations') }),
        FaultsModule,
        RiskModule,
      ],
    };
  }
}
