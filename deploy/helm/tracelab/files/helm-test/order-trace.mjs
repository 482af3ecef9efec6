// `helm test`: places one order through the gateway and checks that its trace reached Jaeger
// whole. Runs with plain Node 24 (the gateway image), no dependencies.
//
//   GATEWAY_URL        http://gateway:8080
//   JAEGER_API_URL     http://jaeger:16686 (empty: only the order is checked)
//   EXPECTED_SERVICES  fraud-detection,gateway,inventory,notification,order,payment
//   EXPECTED_NAMESPACE the release namespace (checked against k8s.namespace.name)
//   TIMEOUT_SECONDS    how long to wait for the whole trace (tail sampling waits before keeping it)
//
// The trace passes when it has spans of every expected service, every span's parent is in the
// trace (no orphan: propagation did not break on any hop), and every service's spans carry the
// k8s.pod.name, k8s.namespace.name and k8s.node.name resource attributes. Exit 0 or 1.

import { randomUUID } from 'node:crypto';

const gateway = process.env.GATEWAY_URL ?? 'http://gateway:8080';
const jaeger = process.env.JAEGER_API_URL ?? '';
const expected = (process.env.EXPECTED_SERVICES ?? 'fraud-detection,gateway,inventory,notification,order,payment').split(',').filter(Boolean);
const namespace = process.env.EXPECTED_NAMESPACE ?? '';
const deadline = Date.now() + Number(process.env.TIMEOUT_SECONDS ?? 90) * 1000;
const K8S_ATTRIBUTES = ['k8s.pod.name', 'k8s.namespace.name', 'k8s.node.name'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fail = (message) => {
  console.error(`FAIL: ${message}`);
  process.exit(1);
};

/**
 * POST /orders, retried while the shop is still starting (5xx) or unreachable. One Idempotency-Key
 * for every try, so a retry after an unknown outcome (504) replays that order instead of placing a
 * second one (409: the first try is still running).
 */
async function placeOrder() {
  const idempotencyKey = `helm-test-${randomUUID()}`;
  const body = JSON.stringify({
    customerId: 'cust-0042',
    items: [{ sku: 'TL-MUG', quantity: 1 }],
    card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  });
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('/orders', gateway), {
        method: 'POST',
        headers: { 'content-type': 'application/json', baggage: 'synthetic=true', 'idempotency-key': idempotencyKey },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      const traceId = response.headers.get('x-trace-id');
      if (response.status === 201 || response.status === 200) {
        if (!traceId || !/^[0-9a-f]{32}$/.test(traceId)) fail(`the gateway answered ${response.status} without an x-trace-id header`);
        console.log(`order placed: HTTP ${response.status}, trace ${traceId}`);
        return traceId;
      }
      last = `HTTP ${response.status}: ${text.slice(0, 200)}`;
      if (response.status < 500 && response.status !== 409) fail(`POST /orders answered ${last}`);
    } catch (error) {
      last = error.message;
    }
    await sleep(2000);
  }
  fail(`no order could be placed through ${gateway} (last: ${last})`);
}

/** Jaeger answers a stream of JSON values (grpc-gateway); split them. */
function jsonValues(text) {
  const values = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
  }
  return values;
}

const attributeValue = (value) => value?.stringValue ?? value?.intValue ?? value?.boolValue ?? value?.doubleValue;

/** The trace's spans from Jaeger's api/v3 (OTLP JSON), with their service and resource. */
async function fetchTrace(traceId) {
  const response = await fetch(new URL(`/api/v3/traces/${traceId}`, jaeger), { signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`Jaeger answered ${response.status}: ${text.slice(0, 200)}`);
  const spans = [];
  for (const value of jsonValues(text)) {
    if (value.error) {
      if (value.error.httpCode === 404) continue;
      throw new Error(`Jaeger error: ${value.error.message}`);
    }
    for (const resourceSpans of value.result?.resourceSpans ?? []) {
      const resource = Object.fromEntries((resourceSpans.resource?.attributes ?? []).map((a) => [a.key, attributeValue(a.value)]));
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({ service: resource['service.name'], resource, spanId: span.spanId, parentSpanId: span.parentSpanId ?? '', name: span.name });
        }
      }
    }
  }
  return spans;
}

/** What is still wrong with the trace ([] = whole). */
function problems(spans) {
  const found = [];
  const services = new Set(spans.map((s) => s.service));
  const missing = expected.filter((name) => !services.has(name));
  if (missing.length > 0) found.push(`no spans from ${missing.join(', ')}`);
  const ids = new Set(spans.map((s) => s.spanId));
  const orphans = spans.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId));
  if (orphans.length > 0) found.push(`orphan spans (parent not in the trace): ${orphans.map((s) => `${s.service} ${s.name}`).join('; ')}`);
  const roots = spans.filter((s) => !s.parentSpanId);
  if (spans.length > 0 && roots.length !== 1) found.push(`${roots.length} root spans instead of 1`);
  for (const name of services) {
    const resource = spans.find((s) => s.service === name).resource;
    const absent = K8S_ATTRIBUTES.filter((key) => !resource[key]);
    if (absent.length > 0) found.push(`${name}: resource attributes ${absent.join(', ')} missing`);
    else if (namespace && resource['k8s.namespace.name'] !== namespace) found.push(`${name}: k8s.namespace.name is ${resource['k8s.namespace.name']}, not ${namespace}`);
  }
  return found;
}

const traceId = await placeOrder();
if (!jaeger) {
  console.log('no Jaeger query API configured (tests.jaegerApiUrl): the trace itself is not checked');
  process.exit(0);
}
let last = ['no spans yet'];
while (Date.now() < deadline) {
  try {
    const spans = await fetchTrace(traceId);
    last = spans.length === 0 ? ['Jaeger does not have the trace yet'] : problems(spans);
    if (last.length === 0) {
      const services = [...new Set(spans.map((s) => s.service))].sort();
      const pods = [...new Set(spans.map((s) => s.resource['k8s.pod.name']))].sort();
      console.log(`PASS: trace ${traceId} is whole: ${spans.length} spans from ${services.join(', ')}; pods ${pods.join(', ')}`);
      console.log(`${jaeger.replace(/\/$/, '')}/trace/${traceId}`);
      process.exit(0);
    }
  } catch (error) {
    last = [error.message];
  }
  await sleep(3000);
}
fail(`trace ${traceId} not whole in Jaeger (${jaeger}) within the timeout: ${last.join('; ')}`);
