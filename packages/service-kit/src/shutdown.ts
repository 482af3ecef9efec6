import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { shutdownTelemetry } from '@tracelab/telemetry';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { HealthRegistry } from './health';

/** Set once SIGTERM arrives: answers tell keep-alive clients to go, /healthz says 503. */
let draining = false;

export function closeKeepAliveWhileDraining(_request: Request, response: Response, next: NextFunction): void {
  if (draining) response.setHeader('connection', 'close');
  next();
}

/** Stops accepting connections and resolves once every open one has ended. */
function drainHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Idle keep-alive sockets would hold close() open; busy ones end after their answer (connection: close).
    server.closeIdleConnections();
  });
}

/**
 * SIGTERM/SIGINT: stop accepting, answer what is in flight, close keep-alive connections, let
 * gRPC calls and queued messages finish (Nest's shutdown hooks), flush spans, exit 0. Whatever
 * is still open a second before the grace period ends is cut, and the process exits 1 at its end.
 */
export function handleSignals(app: INestApplication, graceMs: number): void {
  const stop = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    const logger = app.get(Logger);
    logger.log(`received ${signal}, shutting down (grace ${graceMs} ms)`);
    setTimeout(() => {
      logger.error('shutdown did not finish within the grace period');
      process.exit(1);
    }, graceMs).unref();
    const server = app.getHttpServer() as Server;
    setTimeout(() => server.closeAllConnections(), Math.max(0, graceMs - 1000)).unref();
    let code = 0;
    try {
      await drainHttp(server);
      await app.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      code = 1;
    }
    await shutdownTelemetry().catch(() => undefined);
    process.exit(code);
  };
  app.get(HealthRegistry).register('accepting', () => !draining);
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}
