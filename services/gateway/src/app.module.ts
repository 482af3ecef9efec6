import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@tracelab/service-kit';
import { AdminModule } from './admin/admin.module';
import type { GatewayConfig } from './config';
import { ConsoleModule } from './console/console.module';
import { OrdersModule } from './orders/orders.module';
import { TracesModule } from './traces/traces.module';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ config, service: 'gateway', poolSize: 4, migrationsDir: join(__dirname, '..', 'migrations') }), OrdersModule, AdminModule, TracesModule, ConsoleModule],
    };
  }
}
