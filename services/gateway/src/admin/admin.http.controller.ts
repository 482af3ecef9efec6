import { Controller, DefaultValuePipe, Get, Inject, ParseIntPipe, Query, UseGuards } from '@nestjs/common';
import { APP_CONFIG } from '@tracelab/service-kit';
import type { GatewayConfig } from '../config';
import { OrdersService } from '../orders/orders.service';
import { AdminTokenGuard } from './admin-token.guard';

@Controller('admin')
@UseGuards(AdminTokenGuard)
export class AdminHttpController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly orders: OrdersService,
  ) {}

  @Get('config')
  settings(): { jaegerUrl: string } {
    return { jaegerUrl: this.config.JAEGER_UI_URL.replace(/\/$/, '') };
  }

  @Get('orders/recent')
  recent(@Query('limit', new DefaultValuePipe(20), ParseIntPipe) limit: number): Promise<unknown> {
    return this.orders.recent(Math.min(Math.max(limit, 1), 100));
  }
}
