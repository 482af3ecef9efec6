import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { PlaceOrderDto } from '@tracelab/contracts/http';
import { AppError, ErrorCode } from '@tracelab/service-kit';
import type { Response } from 'express';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from './idempotency-key';
import { OrdersService } from './orders.service';

// Checked here, before anything is called: `/orders/%2E` must never become the order service's list.
const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => new AppError(400, ErrorCode.InvalidRequest, 'id must be a UUID', { fields: [{ field: 'id', problems: ['must be a UUID'] }] }),
});

@Controller()
export class OrdersHttpController {
  constructor(private readonly ordersService: OrdersService) {}

  @Get('products')
  products(): Promise<unknown> {
    return this.ordersService.products();
  }

  @Post('orders')
  @HttpCode(201)
  async place(
    @Body() dto: PlaceOrderDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    const answer = await this.ordersService.place(dto, parseIdempotencyKey(key));
    response.status(answer.status);
    if (answer.replayed) response.setHeader('idempotent-replayed', 'true');
    return answer.body;
  }

  @Get('orders/:id')
  find(@Param('id', uuidPipe) id: string): Promise<unknown> {
    return this.ordersService.find(id);
  }
}
