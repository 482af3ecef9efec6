import { context, diag, DiagConsoleLogger, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { BaggageSpanProcessor } from '@opentelemetry/baggage-span-processor';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type Instrumentation, registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { ContextAttributesSpanProcessor } from './context-attributes';
import { RedactingSpanExporter } from './redaction';
import { samplerFromEnv } from './samplers';
import { readServicePackage, serviceName } from './service-package';
import { createSwitchablePropagator } from './switchable-propagator';
import { isPropagatedBaggageKey } from './baggage-keys';
import { isHousekeepingRequest } from './housekeeping';

const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';


function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Only the exporter in use is loaded: each one pulls its own transport stack. */
function createExporter(): SpanExporter | undefined {
  const kind = (process.env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',')[0]!.trim();
  if (kind === 'none') return undefined;
  if (kind === 'console') return new ConsoleSpanExporter();
  const protocol =
    process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? process.env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf';
  switch (protocol) {
    case 'http/json':
      return new (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
    case 'http/protobuf':
      return new (require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
    case 'grpc':
      return new (require('@opentelemetry/exporter-trace-otlp-grpc') as typeof import('@opentelemetry/exporter-trace-otlp-grpc')).OTLPTraceExporter();
    default:
      throw new Error(`OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: unsupported protocol "${protocol}" (use http/protobuf, http/json or grpc)`);
  }
}

/**
 * Export is tuned so that a finished order reaches the collector within about a second
 * and bursts do not drop spans; every OTEL_BSP_* variable still overrides these defaults.
 */
function createBatchProcessor(exporter: SpanExporter): SpanProcessor {
  return new BatchSpanProcessor({
    exporter: new RedactingSpanExporter(exporter),
    scheduledDelayMillis: envNumber('OTEL_BSP_SCHEDULE_DELAY', 500),
    maxQueueSize: envNumber('OTEL_BSP_MAX_QUEUE_SIZE', 16384),
    maxExportBatchSize: envNumber('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 1024),
    exportTimeoutMillis: envNumber('OTEL_BSP_EXPORT_TIMEOUT', 10000),
  });
}

/** The instrumentations this system needs, and no others: each loaded one costs memory in six processes. */
function createInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({ ignoreIncomingRequestHook: isHousekeepingRequest }),
    // The route still names the server span; a span per Express/router layer is only noise.
    new ExpressInstrumentation({
      ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.REQUEST_HANDLER, ExpressLayerType.ROUTER],
    }),
    new NestInstrumentation(),
    new GrpcInstrumentation(),
    new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    new PinoInstrumentation({ disableLogSending: true }),
    new UndiciInstrumentation(),
  ];
}

export interface Telemetry {
  shutdown(): Promise<void>;
}

export function createTelemetry(): Telemetry {
  const pkg = readServicePackage();
  process.env.OTEL_SERVICE_NAME = serviceName(pkg);
  // Current semantic conventions (http.request.method, url.*, db.query.text, db.system.name).
  process.env.OTEL_SEMCONV_STABILITY_OPT_IN ??= 'http,database';
  if (process.env.OTEL_LOG_LEVEL === 'debug') diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.DEBUG);

  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME,
    [ATTR_SERVICE_VERSION]: pkg?.version ?? '0.0.0',
    [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: 'local',
  }).merge(detectResources({ detectors: [envDetector] }));

  const exporter = createExporter();
  const spanProcessors: SpanProcessor[] = [
    new BaggageSpanProcessor(isPropagatedBaggageKey) as unknown as SpanProcessor,
    new ContextAttributesSpanProcessor(),
    ...(exporter ? [createBatchProcessor(exporter)] : []),
  ];
  const provider = new TracerProvider({ resource, sampler: samplerFromEnv(), spanProcessors });

  const contextManager = new AsyncLocalStorageContextManager();
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(createSwitchablePropagator());
  trace.setGlobalTracerProvider(provider);
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations: createInstrumentations() });

  return {
    async shutdown() {
      unregister();
      await provider.shutdown();
    },
  };
}
