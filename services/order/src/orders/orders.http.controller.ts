import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { type PlacedOrder, PlaceOrderDto } from '@tracelab/contracts';
import { AppError, ErrorCode } from '@tracelab/service-kit';
import type { OrderView } from './order.types';
import { OrdersService } from './orders.service';

const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => new AppError(400, ErrorCode.InvalidRequest, 'id must be a UUID', { fields: [{ field: 'id', problems: ['must be a UUID'] }] }),
});

@Controller('orders')
export class OrdersHttpController {
  constructor(private readonly ordersService: OrdersService) {}

  @Post()
  @HttpCode(201)
  place(@Body() dto: PlaceOrderDto): Promise<PlacedOrder> {
    return this.ordersService.place(dto);
  }

  @Get(':id')
  find(@Param('id', uuidPipe) id: string): Promise<OrderView> {
    return this.ordersService.find(id);
  }
}
