/** The six services, in start order, with their default ports (docs/architecture.md). */
export interface ServiceSpec {
  name: string;
  httpPort: number;
  grpcPort?: number;
}

export const SERVICES: readonly ServiceSpec[] = [
  { name: 'fraud-detection', httpPort: 3004, grpcPort: 50053 },
  { name: 'inventory', httpPort: 3002, grpcPort: 50051 },
  { name: 'payment', httpPort: 3003, grpcPort: 50052 },
  { name: 'notification', httpPort: 3005 },
  { name: 'order', httpPort: 3001 },
  { name: 'gateway', httpPort: 8080 },
];

/**
 * gRPC port of a service in a stack moved by `offset`. A moved stack (tests, benchmark, lab
 * checks) puts gRPC at 20000 + offset + 51..53: 50051 + offset would sit in Linux's ephemeral
 * range (32768-60999), where an outgoing connection can already hold the port.
 */
export function grpcPort(spec: ServiceSpec, offset: number): number {
  return offset === 0 ? spec.grpcPort! : 20000 + offset + (spec.grpcPort! - 50000);
}

/** Environment wiring the services to each other, with every port moved by `offset`. */
export function wiringEnv(offset: number): Record<string, Record<string, string>> {
  const port = (name: string, kind: 'http' | 'grpc') => {
    const spec = SERVICES.find((s) => s.name === name)!;
    return String(kind === 'http' ? spec.httpPort + offset : grpcPort(spec, offset));
  };
  const env: Record<string, Record<string, string>> = {};
  for (const spec of SERVICES) {
    env[spec.name] = {
      PORT: port(spec.name, 'http'),
      ...(spec.grpcPort ? { GRPC_PORT: port(spec.name, 'grpc') } : {}),
      OTEL_SERVICE_NAME: spec.name,
    };
  }
  env.payment!.FRAUD_GRPC_URL = `127.0.0.1:${port('fraud-detection', 'grpc')}`;
  env.order!.INVENTORY_GRPC_URL = `127.0.0.1:${port('inventory', 'grpc')}`;
  env.order!.PAYMENT_GRPC_URL = `127.0.0.1:${port('payment', 'grpc')}`;
  env.gateway!.ORDER_URL = `http://127.0.0.1:${port('order', 'http')}`;
  return env;
}
