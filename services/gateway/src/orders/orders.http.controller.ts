import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { PlaceOrderDto } from '@tracelab/contracts';
import { OrdersService } from './orders.service';

@Controller()
export class OrdersHttpController {
  constructor(private readonly ordersService: OrdersService) {}

  @Get('products')
  products(): Promise<unknown> {
    return this.ordersService.products();
  }

  @Post('orders')
  @HttpCode(201)
  place(@Body() dto: PlaceOrderDto): Promise<unknown> {
    return this.ordersService.place(dto);
  }

  @Get('orders/:id')
  find(@Param('id') id: string): Promise<unknown> {
    return this.ordersService.find(id);
  }
}
