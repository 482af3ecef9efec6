import { Module } from '@nestjs/common';
import { IdempotencyStore } from './idempotency.store';
import { OrderApiClient } from './order-api.client';
import { OrdersHttpController } from './orders.http.controller';
import { OrdersService } from './orders.service';

@Module({ controllers: [OrdersHttpController], providers: [OrderApiClient, IdempotencyStore, OrdersService], exports: [OrdersService] })
export class OrdersModule {}
