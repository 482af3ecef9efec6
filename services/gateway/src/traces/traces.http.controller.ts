import { Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Query, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../admin/admin-token.guard';
import { parseTraceId } from './trace-id';
import { TracesService } from './traces.service';

/** The trace page's data, behind the admin token like the rest of the console. */
@Controller('admin/traces')
@UseGuards(AdminTokenGuard)
export class TracesHttpController {
  constructor(private readonly traces: TracesService) {}

  @Get()
  recent(@Query('limit', new DefaultValuePipe(10), ParseIntPipe) limit: number): Promise<unknown> {
    return this.traces.recent(Math.min(Math.max(limit, 1), 50));
  }

  @Get(':traceId')
  trace(@Param('traceId') traceId: string): Promise<unknown> {
    return this.traces.trace(parseTraceId(traceId));
  }
}
