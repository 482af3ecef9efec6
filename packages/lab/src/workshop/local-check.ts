import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureVhost, startStack } from '@tracelab/local-stack';
import { type ReceivedSpan, startReceiver } from '@tracelab/otlp-receiver';
import { readUntilQuiet } from './read-until-quiet';

/** Where a self-contained check runs: its own ports, database and RabbitMQ vhost. */
const PORT_OFFSET = 400;
const DATABASE_URL = process.env.LAB_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tracelab_lab';
const VHOST = 'tracelab_lab';
const BROKER = process.env.LAB_AMQP_BROKER ?? 'amqp://guest:guest@127.0.0.1:5672';
const CHECK_TOKEN = 'lab-check-token';

export interface PlacedOrder {
  orderId: string;
  traceId: string;
  status: number;
}

export interface LocalRun {
  orders: PlacedOrder[];
  /** Spans of every trace that belongs to one of the orders (their own and any split-off ones). */
  spans: ReceivedSpan[];
}

function log(message: string): void {
  process.stderr.write(`lab: ${message}\n`);
}

/** A vhost of its own keeps the check's consumer away from a dev stack's messages. */
function amqpUrl(): string {
  try {
    return ensureVhost(VHOST, BROKER);
  } catch {
    log('rabbitmqctl not available: using the default vhost (stop other local stacks during the check)');
    return BROKER;
  }
}

const ORDER = (i: number) => ({
  customerId: `cust-${String(42 + i).padStart(4, '0')}`,
  items: [
    { sku: 'TL-MUG', quantity: 1 },
    { sku: 'TL-TEE', quantity: 1 + (i % 2) },
  ],
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
});

/**
 * Builds the working tree as it is (with the learner's edits), starts the six services against
 * a private receiver, places `count` orders and returns their traces.
 */
export async function runLocally(root: string, count = 3): Promise<LocalRun> {
  log('building the working tree');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const receiver = await startReceiver();
  log('starting the six services');
  const stack = await startStack({
    root,
    portOffset: PORT_OFFSET,
    readyTimeoutMs: 180000,
    env: {
      DATABASE_URL,
      AMQP_URL: amqpUrl(),
      FRAUD_RISK_ROWS: '20000',
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      ADMIN_TOKEN: CHECK_TOKEN,
    },
  });
  try {
    // A code lab is judged on the code alone: no fault switch left on in this private database.
    await fetch(`${stack.gatewayUrl}/admin/faults/reset`, { method: 'POST', headers: { authorization: `Bearer ${CHECK_TOKEN}` } });
    await new Promise((r) => setTimeout(r, 1100));
    log(`placing ${count} orders`);
    const orders: PlacedOrder[] = [];
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${stack.gatewayUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', baggage: 'synthetic=true,shop.scenario=lab-check' },
        body: JSON.stringify(ORDER(i)),
      });
      const body = (await response.json()) as { orderId?: string };
      orders.push({ orderId: String(body.orderId ?? ''), traceId: response.headers.get('x-trace-id') ?? '', status: response.status });
    }
    // Let the notifications run and the last batches export.
    return { orders, spans: await readUntilQuiet(() => spansOfOrders(receiver.spans(), orders)) };
  } finally {
    await stack.stop();
    await receiver.close();
  }
}

export function spansOfOrders(all: ReceivedSpan[], orders: PlacedOrder[]): ReceivedSpan[] {
  const orderIds = new Set(orders.map((o) => o.orderId));
  const traceIds = new Set(orders.map((o) => o.traceId));
  for (const span of all) if (orderIds.has(String(span.attributes['shop.order.id']))) traceIds.add(span.traceId);
  return all.filter((s) => traceIds.has(s.traceId));
}
