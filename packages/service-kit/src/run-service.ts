import 'reflect-metadata';
import { join } from 'node:path';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type GrpcContract, PROTO_LOADER_OPTIONS, PROTO_ROOT } from '@tracelab/contracts';
import { context } from '@opentelemetry/api';
import { currentTraceId, maskBaggage, recordFailure, shutdownTelemetry, traceResponseHeader } from '@tracelab/telemetry';
import { serverSpan } from './server-span';
import { json, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { errorBody } from './error-body';
import { ErrorCode } from './errors';
import { HttpErrorFilter } from './http-error.filter';
import { createValidationPipe } from './validation';

export interface ServiceOptions {
  module: Type<unknown> | DynamicModule;
  httpPort: number;
  /** Largest JSON body accepted; bigger ones get 413. */
  bodyLimit?: string;
  grpc?: { contract: GrpcContract; port: number };
}

/**
 * Starts a service the same way everywhere: JSON logs, one validation pipe, one error format,
 * JSON bodies with a size limit, optional gRPC server, and a shutdown that flushes telemetry.
 */
export async function runService(options: ServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    bufferLogs: true,
    bodyParser: false,
    // Start-up errors reach runMain, which names the service and exits 1.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.use(traceHeaders);
  app.use(jsonBodies(options.bodyLimit ?? '64kb'));
  app.use(maskedBaggage);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.set('x-powered-by', false);

  if (options.grpc) {
    app.connectMicroservice<MicroserviceOptions>(
      {
        transport: Transport.GRPC,
        options: {
          url: `0.0.0.0:${options.grpc.port}`,
          package: options.grpc.contract.package,
          protoPath: join(PROTO_ROOT, options.grpc.contract.protoFile),
          loader: PROTO_LOADER_OPTIONS,
        },
      },
      // The gRPC side gets the same error filter: a database outage answers UNAVAILABLE.
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(options.httpPort, '0.0.0.0');
  handleSignals(app);
  return app;
}

/** Every response names its trace: `traceresponse` (W3C Trace Context level 2) and `x-trace-id`. */
function traceHeaders(_request: Request, response: Response, next: NextFunction): void {
  const traceResponse = traceResponseHeader();
  const traceId = currentTraceId();
  if (traceResponse && traceId) {
    response.setHeader('traceresponse', traceResponse);
    response.setHeader('x-trace-id', traceId);
    response.setHeader('access-control-expose-headers', 'traceresponse, x-trace-id');
  }
  next();
}

/** Incoming baggage travels on to every service: card numbers in it are masked for the whole request. */
function maskedBaggage(_request: Request, _response: Response, next: NextFunction): void {
  context.with(maskBaggage(context.active()), next);
}

/** Parses JSON bodies and answers parse and size errors in the API's error format. */
function jsonBodies(limit: string) {
  const parse = json({ limit });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      recordFailure(serverSpan(), error, type ?? 'invalid_body');
      if (type === 'entity.too.large') {
        response.status(413).json(errorBody(ErrorCode.PayloadTooLarge, `request body is larger than ${limit}`));
      } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        response.status(415).json(errorBody(ErrorCode.UnsupportedMediaType, (error as Error).message));
      } else {
        response.status(400).json(errorBody(ErrorCode.InvalidRequest, 'request body is not valid JSON'));
      }
    });
  };
}

function handleSignals(app: INestApplication): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.get(Logger).log(`received ${signal}, shutting down`);
    const forced = setTimeout(() => process.exit(1), 10000);
    forced.unref();
    try {
      await app.close();
    } finally {
      await shutdownTelemetry().catch(() => undefined);
      process.exit(0);
    }
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}
