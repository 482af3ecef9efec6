import 'reflect-metadata';
import { join } from 'node:path';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GrpcContract } from '@tracelab/contracts';
import { currentTraceId, traceResponseHeader } from '@tracelab/telemetry';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { HttpErrorFilter } from './http-error.filter';
import { jsonBodies } from './json-body';
import { closeKeepAliveWhileDraining, handleSignals } from './shutdown';
import { GRPC_CHANNEL_OPTIONS } from './grpc-channel-options';
import { SchemaValidationPipe } from './validation';

export interface ServiceOptions {
  module: Type<unknown> | DynamicModule;
  httpPort: number;
  /** Address to listen on (HTTP and gRPC). */
  host: string;
  /** How long a SIGTERM may take before the process exits 1. */
  shutdownGraceMs: number;
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
  app.use(closeKeepAliveWhileDraining);
  app.use(jsonBodies(options.bodyLimit ?? '64kb'));
  app.useGlobalPipes(new SchemaValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.set('x-powered-by', false);
  // Nobody revalidates these answers; an ETag would hash every response body for nothing.
  app.set('etag', false);

  if (options.grpc) {
    // Loaded only by the services that serve gRPC.
    const { Transport } = require('@nestjs/microservices') as typeof import('@nestjs/microservices');
    const { PROTO_LOADER_OPTIONS, PROTO_ROOT } = require('@tracelab/contracts') as typeof import('@tracelab/contracts');
    app.connectMicroservice<MicroserviceOptions>(
      {
        transport: Transport.GRPC,
        options: {
          url: `${grpcHost(options.host)}:${options.grpc.port}`,
          // In-flight calls finish on SIGTERM instead of being cancelled.
          gracefulShutdown: true,
          channelOptions: { ...GRPC_CHANNEL_OPTIONS },
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
  await app.listen(options.httpPort, options.host);
  handleSignals(app, options.shutdownGraceMs);
  return app;
}

/**
 * Every response names its trace three ways: the `trace` metric of `server-timing` (the W3C Trace
 * Context editor's draft since w3c/trace-context#560, which browsers already expose to
 * PerformanceServerTiming), `traceresponse` (Trace Context level 2, read by HotROD and older
 * clients) and `x-trace-id`. Cross-origin scripts may read all three.
 */
function traceHeaders(_request: Request, response: Response, next: NextFunction): void {
  const traceResponse = traceResponseHeader();
  const traceId = currentTraceId();
  if (traceResponse && traceId) {
    response.setHeader('traceresponse', traceResponse);
    response.setHeader('x-trace-id', traceId);
    response.appendHeader('server-timing', `trace;desc=${traceResponse}`);
    response.setHeader('timing-allow-origin', '*');
    response.setHeader('access-control-expose-headers', 'traceresponse, x-trace-id, server-timing');
  }
  next();
}

const grpcHost = (host: string) => (host.includes(':') ? `[${host}]` : host);
