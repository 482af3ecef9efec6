import { context, diag, DiagConsoleLogger, DiagLogLevel, logs, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type Instrumentation, registerInstrumentations } from '@opentelemetry/instrumentation';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { detectResources, envDetector } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { leanHttpConfig, pgConfig, pinoConfig } from './instrumentation-config';
import type { Telemetry } from './telemetry';
import { createLoggerProvider } from './log-pipeline';
import { samplerFromEnv } from './samplers';
import { prepareServiceResource } from './service-resource';
import { createSpanProcessors } from './span-pipeline';
import { createSwitchablePropagator } from './switchable-propagator';

/** The instrumentations this system needs, and no others: each loaded one costs memory in six processes. */
function createInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation(leanHttpConfig),
    new NestInstrumentation(),
    new GrpcInstrumentation(),
    new PgInstrumentation(pgConfig),
    new PinoInstrumentation(pinoConfig()),
    new UndiciInstrumentation(),
  ];
}

/** The lean bootstrap (TRACELAB_TELEMETRY=lean, the default): the SDK pieces wired by hand, traces and logs. */
export function createTelemetry(): Telemetry {
  const resource = prepareServiceResource().merge(detectResources({ detectors: [envDetector] }));
  if (process.env.OTEL_LOG_LEVEL === 'debug') diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.DEBUG);

  const provider = new TracerProvider({ resource, sampler: samplerFromEnv(), spanProcessors: createSpanProcessors() });

  const contextManager = new AsyncLocalStorageContextManager();
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(createSwitchablePropagator());
  trace.setGlobalTracerProvider(provider);
  // Before the instrumentations: pino's log sending asks the global provider for its logger.
  const loggerProvider = createLoggerProvider(resource);
  if (loggerProvider) logs.setGlobalLoggerProvider(loggerProvider);
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations: createInstrumentations() });

  return {
    async shutdown() {
      unregister();
      await Promise.all([provider.shutdown(), loggerProvider?.shutdown()]);
    },
  };
}
