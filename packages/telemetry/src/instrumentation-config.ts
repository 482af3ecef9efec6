import { ExpressLayerType, type ExpressInstrumentationConfig } from '@opentelemetry/instrumentation-express';
import type { HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import type { PgInstrumentationConfig } from '@opentelemetry/instrumentation-pg';
import type { PinoInstrumentationConfig } from '@opentelemetry/instrumentation-pino';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import { isHousekeepingRequest } from './housekeeping';
import { logsExported } from './log-pipeline';

/** Settings both bootstraps give the instrumentations they share, so their traces look the same. */
export const httpConfig: HttpInstrumentationConfig = { ignoreIncomingRequestHook: isHousekeepingRequest };

/** The part of an Express request that names its matched route (set by Express while it routes). */
interface RoutedRequest {
  method?: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * The lean bootstrap names the server span from the route Express matched, as the Express
 * instrumentation would, without wrapping every middleware layer of every request (about a
 * third of Express's cost per request). Unmatched paths keep the bare method, as before.
 */
export const leanHttpConfig: HttpInstrumentationConfig = {
  ...httpConfig,
  applyCustomAttributesOnSpan(span, request) {
    const { method, baseUrl, route } = request as RoutedRequest;
    if (typeof route?.path !== 'string') return;
    const path = `${baseUrl ?? ''}${route.path}`;
    span.setAttribute(ATTR_HTTP_ROUTE, path);
    span.updateName(`${method ?? 'GET'} ${path}`);
  },
};

// The route still names the server span; a span per Express/router layer is only noise.
export const expressConfig: ExpressInstrumentationConfig = {
  ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.REQUEST_HANDLER, ExpressLayerType.ROUTER],
};

export const pgConfig: PgInstrumentationConfig = { requireParentSpan: true, ignoreConnectSpans: true };

/**
 * Correlation (trace_id, span_id on every line written in a span) always; log sending (each line
 * to the Logs SDK, hence over OTLP) unless OTEL_LOGS_EXPORTER=none, so that a service without log
 * export does not parse its own lines a second time for nothing.
 */
export function pinoConfig(): PinoInstrumentationConfig {
  return { disableLogSending: !logsExported() };
}
