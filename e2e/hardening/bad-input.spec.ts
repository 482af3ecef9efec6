import { readFileSync } from 'node:fs';
import { fetchSpans } from '@tracelab/otlp-receiver';
import { orderDone } from '../support/whole-trace';
import { ADMIN_TOKEN, eventually, type Hardening, order, send, startHardeningStack } from './hardening-stack';

/** Local addresses (hex, as in /proc/net/tcp) that listen on `port`. */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`))
      .map((cols) => cols[1]!.split(':')[0]!),
  );
}
const LOOPBACK = new Set(['0100007F', '00000000000000000000000001000000']);
const ANY = new Set(['00000000', '00000000000000000000000000000000']);

describe('bad input is a 4xx, and only the documented API is public', () => {
  let h: Hardening;
  beforeAll(async () => {
    h = await startHardeningStack('bad-input');
  }, 240000);
  afterAll(() => h?.close());

  it('a body nested 3,000 levels deep is a 400 naming the problem, not a 500', async () => {
    const deep = `{"customerId":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    const reply = await send(h.gateway, 'POST', '/orders', deep);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/nested deeper than 16 levels/) });
    const deepAdmin = await send(h.gateway, 'POST', '/admin/faults/slow-query', `{"enabled":true,"params":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, {
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(deepAdmin.status).toBe(400);
  });

  it.each([
    ['no body', undefined, {}, 'is required'],
    ['a form body', 'customerId=cust-0042', { 'content-type': 'application/x-www-form-urlencoded' }, 'is required'],
    ['a JSON list', JSON.stringify([order()]), {}, 'must be an object'],
  ])('POST /orders with %s is a 400 naming the body', async (_what, body, headers, problem) => {
    const reply = await send(h.gateway, 'POST', '/orders', body, headers);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_request', message: 'invalid request: body', details: { fields: [{ field: 'body', problems: [problem] }] } });
  });

  it.each([
    ['__proto__', `{"__proto__":{"admin":true},"customerId":"cust-0042","items":[{"sku":"TL-MUG","quantity":1}],"card":{"number":"4242424242424242","expMonth":12,"expYear":2030,"cvc":"123"}}`],
    ['items[0].constructor', JSON.stringify(order({ items: [{ sku: 'TL-MUG', quantity: 1, constructor: { prototype: { x: 1 } } }] }))],
    ['card.prototype', JSON.stringify(order({ card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', prototype: 1 } }))],
  ])('the prototype key %s is rejected with a 400 naming it', async (field, body) => {
    const reply = await send(h.gateway, 'POST', '/orders', body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_request', details: { fields: [{ field, problems: ['is not allowed'] }] } });
  });

  it.each(['/orders/%2E', '/orders/%2e%2e', '/orders/.', '/orders/..', '/orders/%2E%2E%2Forders', '/orders/%2F', '/orders/%252E', '/orders/%20', '/orders/..%2F..%2Forders%3Flimit=20', '/orders/00000000-0000-4000-8000-00000000000%2E'])(
    'GET %s is a 400 or 404 and never lists orders',
    async (path) => {
      await send(h.gateway, 'POST', '/orders', order()); // there is at least one order to leak
      const reply = await send(h.gateway, 'GET', path);
      expect([400, 404]).toContain(reply.status);
      expect(reply.body).not.toHaveProperty('orders');
      expect(reply.body).toHaveProperty('error');
    },
  );

  it('a route id that is not a UUID never reaches the order service', async () => {
    const reply = await send(h.gateway, 'GET', '/orders/not-a-uuid');
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ details: { fields: [{ field: 'id', problems: ['must be a UUID'] }] } });
    const traceId = reply.headers.get('x-trace-id')!;
    const spans = await eventually('the gateway span', async () => {
      const found = await fetchSpans(h.receiver.url, traceId);
      return found.some((s) => s.service === 'gateway' && s.kind === 2) ? found : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(new Set((await fetchSpans(h.receiver.url, traceId)).map((s) => s.service))).toEqual(new Set(['gateway']));
    expect(spans.length).toBeGreaterThan(0);
  });

  it('the admin API takes its token only as Bearer', async () => {
    expect((await send(h.gateway, 'GET', '/admin/faults', undefined, { authorization: ADMIN_TOKEN })).status).toBe(401);
    expect((await send(h.gateway, 'GET', '/admin/faults', undefined, { authorization: `Basic ${ADMIN_TOKEN}` })).status).toBe(401);
    expect((await send(h.gateway, 'GET', '/admin/faults', undefined, { authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(200);
  });

  it('internal services listen on loopback only; the gateway on every interface', () => {
    for (const service of h.stack.services) {
      const port = Number(new URL(service.url).port);
      const addresses = listeners(port);
      expect(addresses.length).toBeGreaterThan(0);
      if (service.name === 'gateway') expect(addresses.some((a) => ANY.has(a))).toBe(true);
      else expect(addresses.every((a) => LOOPBACK.has(a))).toBe(true);
    }
  });

  it("a client's shop.customer.tier stays on none of the gateway's spans, nor anywhere else", async () => {
    const placed = await send(h.gateway, 'POST', '/orders', order(), { baggage: 'shop.customer.tier=platinum,shop.scenario=tier-check' });
    expect(placed.status).toBe(201);
    const traceId = placed.headers.get('x-trace-id')!;
    const spans = await eventually('the whole order trace', async () => {
      const found = await fetchSpans(h.receiver.url, traceId);
      return orderDone(found) ? found : undefined;
    });
    const tiers = spans.map((s) => s.attributes['shop.customer.tier']).filter((t) => t !== undefined);
    expect(tiers).not.toContain('platinum');
    const gatewayServer = spans.find((s) => s.service === 'gateway' && s.kind === 2)!;
    expect(gatewayServer.attributes['shop.customer.tier']).toBe('gold');
    expect(spans.find((s) => s.service === 'fraud-detection')!.attributes['shop.customer.tier']).toBe('gold');
    expect(gatewayServer.attributes['shop.scenario']).toBe('tier-check');
  });
});
