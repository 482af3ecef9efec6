import { Module } from '@nestjs/common';
import { OrderEventsPublisher } from './order-events.publisher';
import { OrdersHttpController } from './orders.http.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  controllers: [OrdersHttpController],
  providers: [OrdersRepository, OrderEventsPublisher, OrdersService],
})
export class OrdersModule {}
