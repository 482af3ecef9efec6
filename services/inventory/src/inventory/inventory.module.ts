import { Module } from '@nestjs/common';
import { InventoryGrpcController } from './inventory.grpc.controller';
import { InventoryService } from './inventory.service';

@Module({ controllers: [InventoryGrpcController], providers: [InventoryService] })
export class InventoryModule {}
