import { Module } from '@nestjs/common';
import { AdminTokenGuard } from '../admin/admin-token.guard';
import { APP_CONFIG } from '@tracelab/service-kit';
import { TRACE_LOG_READER, traceLogReader } from './trace-logs';
import { TracesHttpController } from './traces.http.controller';
import { TracesService } from './traces.service';

/** GET /admin/traces (recent traces with badges) and /admin/traces/:traceId (one trace, judged by the trace doctor). */
@Module({
  controllers: [TracesHttpController],
  providers: [AdminTokenGuard, TracesService, { provide: TRACE_LOG_READER, useFactory: traceLogReader, inject: [APP_CONFIG] }],
})
export class TracesModule {}
