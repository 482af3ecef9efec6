import { Module } from '@nestjs/common';
import { OrderApiClient } from './order-api.client';
import { OrdersHttpController } from './orders.http.controller';
import { OrdersService } from './orders.service';

@Module({ controllers: [OrdersHttpController], providers: [OrderApiClient, OrdersService], exports: [OrdersService] })
export class OrdersModule {}
