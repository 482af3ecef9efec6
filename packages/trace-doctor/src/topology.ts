import type { ServiceEdge, Transport } from './model';

export const GATEWAY = 'gateway';

/** The checkout's cross-service edges, in call order. */
export const CHECKOUT_EDGES = {
  gatewayToOrder: { from: 'gateway', to: 'order', transport: 'HTTP' },
  orderToInventory: { from: 'order', to: 'inventory', transport: 'gRPC' },
  orderToPayment: { from: 'order', to: 'payment', transport: 'gRPC' },
  paymentToFraud: { from: 'payment', to: 'fraud-detection', transport: 'gRPC' },
  orderToNotification: { from: 'order', to: 'notification', transport: 'RabbitMQ' },
} as const satisfies Record<string, ServiceEdge>;

const EDGE_INTO: ReadonlyMap<string, ServiceEdge> = new Map(Object.values(CHECKOUT_EDGES).map((edge) => [edge.to, edge]));

/** The edge by which `service` is normally reached (its caller and transport), if it is part of the checkout. */
export function edgeInto(service: string): ServiceEdge | undefined {
  return EDGE_INTO.get(service);
}

export function hopName(edge: { from: string; to: string; transport: Transport }): string {
  return `${edge.from} → ${edge.to} over ${edge.transport}`;
}
