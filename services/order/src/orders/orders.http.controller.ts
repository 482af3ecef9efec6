import { Body, Controller, DefaultValuePipe, Get, Headers, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { type PlacedOrder, PlaceOrderDto } from '@tracelab/contracts/http';
import { AppError, ErrorCode } from '@tracelab/service-kit';
import type { OrderView } from './order.types';
import { placementFrom } from './placement';
import { OrdersService } from './orders.service';

const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => new AppError(400, ErrorCode.InvalidRequest, 'id must be a UUID', { fields: [{ field: 'id', problems: ['must be a UUID'] }] }),
});

@Controller('orders')
export class OrdersHttpController {
  constructor(private readonly ordersService: OrdersService) {}

  @Post()
  @HttpCode(201)
  place(@Body() dto: PlaceOrderDto, @Headers() headers: Record<string, string | undefined>): Promise<PlacedOrder> {
    return this.ordersService.place(dto, placementFrom(headers));
  }

  /** The latest orders, newest first (the workshop console lists them). */
  @Get()
  async recent(@Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number): Promise<{ orders: unknown[] }> {
    return { orders: await this.ordersService.recent(Math.min(Math.max(limit, 1), 100)) };
  }

  @Get(':id')
  find(@Param('id', uuidPipe) id: string): Promise<OrderView> {
    return this.ordersService.find(id);
  }
}
