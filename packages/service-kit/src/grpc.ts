import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { Provider } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { type GrpcContract, PROTO_LOADER_OPTIONS, PROTO_ROOT } from '@tracelab/contracts';
import { join } from 'node:path';
import { lastValueFrom, type Observable } from 'rxjs';
import { APP_CONFIG } from './config.module';
import { GRPC_CHANNEL_OPTIONS } from './grpc-channel-options';

export { GrpcStatus };

/** A Nest gRPC client for `contract`, at the address read from the config key `urlKey`. */
export function grpcClientProvider(token: string | symbol, contract: GrpcContract, urlKey: string): Provider {
  return {
    provide: token,
    inject: [APP_CONFIG],
    useFactory: (config: Record<string, unknown>) =>
      ClientProxyFactory.create({
        transport: Transport.GRPC,
        options: {
          url: String(config[urlKey]),
          package: contract.package,
          protoPath: join(PROTO_ROOT, contract.protoFile),
          loader: PROTO_LOADER_OPTIONS,
          // grpc-js backs off up to 120 s between reconnects: a service back from a restart would
          // see UNAVAILABLE for seconds. At most 0.5 s keeps recovery well within a second.
          channelOptions: { ...GRPC_CHANNEL_OPTIONS, 'grpc.initial_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 500 },
        },
      }),
  };
}

type UnaryMethod<Req, Res> = (request: Req, metadata?: Metadata) => Observable<Res>;

/** Calls a unary method with a deadline; the call starts in the caller's active context. */
export function callUnary<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, timeoutMs: number): Promise<Res> {
  const withOptions = method as unknown as (r: Req, m: Metadata, o: { deadline: number }) => Observable<Res>;
  return lastValueFrom(withOptions(request, new Metadata(), { deadline: Date.now() + timeoutMs }));
}

/** The deadline (epoch ms) a gRPC caller set on its call, or undefined when it set none. */
export function deadlineOf(call: { getDeadline(): Date | number } | undefined): number | undefined {
  const deadline = call?.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return ms === undefined || !Number.isFinite(ms) ? undefined : ms;
}

/** The gRPC status code of an error from a client call, if it has one. */
export function grpcErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The server's message of a gRPC error (without the "9 FAILED_PRECONDITION:" prefix). */
export function grpcErrorDetails(error: unknown): string {
  const details = (error as { details?: unknown })?.details;
  return typeof details === 'string' ? details : String((error as Error)?.message ?? error);
}
