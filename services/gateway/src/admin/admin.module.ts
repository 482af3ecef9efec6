import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { AdminHttpController } from './admin.http.controller';
import { AdminTokenGuard } from './admin-token.guard';
import { FaultsAdminService } from './faults-admin.service';
import { FaultsHttpController } from './faults.http.controller';
import { LabsHttpController } from './labs.http.controller';

@Module({
  imports: [OrdersModule],
  controllers: [FaultsHttpController, LabsHttpController, AdminHttpController],
  providers: [AdminTokenGuard, FaultsAdminService],
})
export class AdminModule {}
