// Orders at a fixed, even pace (an open model: the next order leaves on time whether or not the
// earlier ones have been answered), each one's latency recorded.
import { Agent, request } from 'node:http';
import { ORDER_HEADERS, orderBody } from './orders.mjs';
import { latencySummary, sleep } from './stats.mjs';

const TIMEOUT_MS = 30000;

function postOrder(url, agent, body) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', agent, headers: { ...ORDER_HEADERS, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      res.on('error', () => resolve({ status: 'error', ms: performance.now() - started }));
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 'error', ms: performance.now() - started }));
    req.end(body);
  });
}

/**
 * `rate` orders/s for `seconds`. Latency runs from each request's send; `maxLagMs` says how late
 * the generator sent its worst order (a large one means the machine, not the stack, was the limit).
 */
export async function pacedLoad(gatewayUrl, { rate, seconds, firstOrder = 0 }) {
  const url = new URL('/orders', gatewayUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies = [];
  const statuses = {};
  const answers = [];
  let maxLagMs = 0;
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    else maxLagMs = Math.max(maxLagMs, -wait);
    answers.push(
      postOrder(url, agent, orderBody(firstOrder + i)).then(({ status, ms }) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 201) latencies.push(ms);
      }),
    );
  }
  await Promise.all(answers);
  const elapsedMs = performance.now() - started;
  agent.destroy();
  const ok = statuses[201] ?? 0;
  return {
    rate,
    seconds,
    sent: total,
    ok,
    errors: total - ok,
    statuses,
    achievedPerSecond: +((ok * 1000) / elapsedMs).toFixed(1),
    maxLagMs: Math.round(maxLagMs),
    latencyMs: latencySummary(latencies.map(Math.round)),
  };
}
