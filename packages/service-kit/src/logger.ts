import type { DynamicModule } from '@nestjs/common';
import { isHousekeepingRequest } from '@tracelab/telemetry';
import { LoggerModule } from 'nestjs-pino';
import { maskLogLine } from './log-masking';

/**
 * Structured JSON logs. The OpenTelemetry pino instrumentation adds trace_id and span_id to
 * every line written inside a span; card data is never logged and is censored if it ever is,
 * in objects by path and anywhere in a line's text (URLs included) by the card-number mask.
 */
export function loggerModule(level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      hooks: { streamWrite: maskLogLine },
      autoLogging: { ignore: (request) => isHousekeepingRequest(request) },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.card', '*.card.number', '*.cvc'],
        censor: '[REDACTED]',
      },
      serializers: {
        req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      },
    },
  });
}
