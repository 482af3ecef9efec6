import { Module } from '@nestjs/common';
import { Compensations } from './compensations';
import { OrderEventsPublisher } from './order-events.publisher';
import { OrdersHttpController } from './orders.http.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  controllers: [OrdersHttpController],
  providers: [OrdersRepository, OrderEventsPublisher, Compensations, OrdersService],
})
export class OrdersModule {}
