import { ExpressLayerType, type ExpressInstrumentationConfig } from '@opentelemetry/instrumentation-express';
import type { HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import type { PgInstrumentationConfig } from '@opentelemetry/instrumentation-pg';
import type { PinoInstrumentationConfig } from '@opentelemetry/instrumentation-pino';
import { isHousekeepingRequest } from './housekeeping';

/** Settings both bootstraps give the instrumentations they share, so their traces look the same. */
export const httpConfig: HttpInstrumentationConfig = { ignoreIncomingRequestHook: isHousekeepingRequest };

// The route still names the server span; a span per Express/router layer is only noise.
export const expressConfig: ExpressInstrumentationConfig = {
  ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.REQUEST_HANDLER, ExpressLayerType.ROUTER],
};

export const pgConfig: PgInstrumentationConfig = { requireParentSpan: true, ignoreConnectSpans: true };

export const pinoConfig: PinoInstrumentationConfig = { disableLogSending: true };
