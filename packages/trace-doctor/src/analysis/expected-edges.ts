import { SpanKind, type ReceivedSpan } from '@tracelab/otlp-receiver';
import type { EdgeCheck, EdgeStatus, ServiceEdge } from '../model';
import { isError, ORDER_STATUS_ATTRIBUTE, ROUTING_KEY_ATTRIBUTE } from '../spans';
import { CHECKOUT_EDGES, GATEWAY, hopName } from '../topology';
import { entrySpan, parentOf, type TraceTree } from './trace-tree';

const { gatewayToOrder, orderToInventory, orderToPayment, paymentToFraud, orderToNotification } = CHECKOUT_EDGES;

/**
 * The edges a checkout trace should have, given how far the order got.
 * `related` holds the spans of other traces of the same order: after a split,
 * `inventory.reserve` may live there.
 */
export function expectedEdges(tree: TraceTree, related: readonly ReceivedSpan[]): ServiceEdge[] {
  const entry = entrySpan(tree);
  if (entry.service !== GATEWAY || entry.kind !== SpanKind.SERVER) return [];
  const gatewayCalledOut = tree.spans.some((span) => span.service === GATEWAY && span.kind === SpanKind.CLIENT);
  // Without a client span the gateway answered by itself (invalid input): only the gateway is expected.
  if (!gatewayCalledOut && isClientError(entry)) return [];
  const edges: ServiceEdge[] = [gatewayToOrder];
  if (!tree.spans.some((span) => span.service === 'order' && span.name === 'order.place')) return edges;
  edges.push(orderToInventory);
  if (!reservationFailed(tree, related)) edges.push(orderToPayment, paymentToFraud);
  if (orderConfirmed(tree)) edges.push(orderToNotification);
  return edges;
}

function isClientError(server: ReceivedSpan): boolean {
  const status = Number(server.attributes['http.response.status_code'] ?? server.attributes['http.status_code']);
  return status >= 400 && status < 500;
}

function reservationFailed(tree: TraceTree, related: readonly ReceivedSpan[]): boolean {
  const reservations = [...tree.spans, ...related].filter((span) => span.name === 'inventory.reserve');
  if (reservations.length > 0) return reservations.some(isError);
  return tree.spans.some((span) => span.service === 'order' && span.kind === SpanKind.CLIENT && /InventoryService\/Reserve$/.test(span.name) && isError(span));
}

function orderConfirmed(tree: TraceTree): boolean {
  return tree.spans.some(
    (span) =>
      (span.name === 'order.place' && span.attributes[ORDER_STATUS_ATTRIBUTE] === 'confirmed') ||
      (span.kind === SpanKind.PRODUCER && span.attributes[ROUTING_KEY_ATTRIBUTE] === 'order.confirmed'),
  );
}

const CALLER_KIND = { HTTP: SpanKind.CLIENT, gRPC: SpanKind.CLIENT, RabbitMQ: SpanKind.PRODUCER } as const;
const CALLEE_KIND = { HTTP: SpanKind.SERVER, gRPC: SpanKind.SERVER, RabbitMQ: SpanKind.CONSUMER } as const;

/** A `from` client (or producer) span with a `to` server (or consumer) child. */
function hasEdge(tree: TraceTree, edge: ServiceEdge): boolean {
  return tree.spans.some((child) => {
    const parent = parentOf(tree, child);
    return (
      parent !== undefined &&
      parent.service === edge.from &&
      parent.kind === CALLER_KIND[edge.transport] &&
      child.service === edge.to &&
      child.kind === CALLEE_KIND[edge.transport]
    );
  });
}

/** A `to` span in another trace that links into this one (the messaging link mode). */
function isLinkedFrom(tree: TraceTree, edge: ServiceEdge, allSpans: readonly ReceivedSpan[]): boolean {
  return allSpans.some(
    (span) => span.service === edge.to && span.traceId !== tree.traceId && span.links.some((link) => link.traceId === tree.traceId),
  );
}

export function checkEdges(tree: TraceTree, related: readonly ReceivedSpan[], allSpans: readonly ReceivedSpan[]): EdgeCheck[] {
  return expectedEdges(tree, related).map((edge) => ({ ...edge, hop: hopName(edge), status: edgeStatus(tree, edge, allSpans) }));
}

function edgeStatus(tree: TraceTree, edge: ServiceEdge, allSpans: readonly ReceivedSpan[]): EdgeStatus {
  if (hasEdge(tree, edge)) return 'present';
  if (isLinkedFrom(tree, edge, allSpans)) return 'linked';
  return callerNeverGotThrough(tree, edge) ? 'not-reached' : 'missing';
}

const GRPC_UNAVAILABLE = 14;

/**
 * A call that never reached the callee carries no context to lose. A published message always
 * arrives eventually, and the gateway always calls order, so only the other calls qualify.
 */
function callerNeverGotThrough(tree: TraceTree, edge: ServiceEdge): boolean {
  if (edge.transport === 'RabbitMQ') return false;
  const calls = outgoingSpans(tree, edge);
  if (calls.length === 0) return edge.transport === 'gRPC' && tree.spans.some((span) => span.service === edge.from);
  return calls.every(
    (call) =>
      isError(call) &&
      (edge.transport === 'gRPC'
        ? call.attributes['rpc.grpc.status_code'] === GRPC_UNAVAILABLE
        : call.attributes['http.response.status_code'] === undefined && call.attributes['http.status_code'] === undefined),
  );
}

/** Every service crossing in the trace, as `parent service → child service`. */
export function observedEdges(tree: TraceTree): string[] {
  const edges = new Set<string>();
  for (const child of tree.spans) {
    const parent = parentOf(tree, child);
    if (parent && parent.service !== child.service) edges.add(`${parent.service} → ${child.service}`);
  }
  return [...edges];
}

/** The spans in `edge.from` that should have called `edge.to`: client spans for HTTP/gRPC, producers for RabbitMQ. */
export function outgoingSpans(tree: TraceTree, edge: ServiceEdge): ReceivedSpan[] {
  const target = RPC_TARGET[edge.to];
  return tree.spans.filter(
    (span) => span.service === edge.from && span.kind === CALLER_KIND[edge.transport] && (target === undefined || target.test(span.name)),
  );
}

// gRPC client spans are named after the method they call; that tells which server they meant.
const RPC_TARGET: Record<string, RegExp | undefined> = {
  inventory: /InventoryService\//,
  payment: /PaymentService\//,
  'fraud-detection': /FraudDetectionService\//,
};
