// The max-throughput phase: autocannon's closed loop, every connection sending its next order as
// soon as the last one is answered.
import { createRequire } from 'node:module';
import { ORDER_HEADERS, orderBody } from './orders.mjs';
import { latencySummary } from './stats.mjs';

const autocannon = createRequire(import.meta.url)('autocannon');

export async function maxLoad(gatewayUrl, { seconds, connections, firstOrder = 0 }) {
  let counter = firstOrder;
  const latencies = [];
  const instance = autocannon({
    url: gatewayUrl,
    duration: seconds,
    connections,
    requests: [{ method: 'POST', path: '/orders', headers: ORDER_HEADERS, setupRequest: (req) => ({ ...req, body: orderBody(counter++) }) }],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => status === 201 && latencies.push(responseTime));
  const result = await instance;
  const ok = latencies.length;
  return {
    seconds,
    connections,
    sent: result.requests.total,
    ok,
    errors: result.non2xx + result.errors + result.timeouts,
    ordersPerSecond: +(ok / seconds).toFixed(1),
    latencyMs: latencySummary(latencies.map(Math.round)),
  };
}
