/**
 * Entry loaded with `node --require @tracelab/telemetry/register` so the SDK patches
 * http, grpc, pg and pino before any application module is loaded.
 */
import { startTelemetry } from './lifecycle';

startTelemetry();
