import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchSpans } from '@tracelab/otlp-receiver';
import { type Channel, type ChannelModel, connect, type ConsumeMessage } from 'amqplib';
import { hasEntries } from '../support/traces';
import { orderDone } from '../support/whole-trace';
import { eventually, type Hardening, order, send, sleep, startHardeningStack } from './hardening-stack';

/** Every card number the requests below carry, digits only and as sent. */
const FORMS = [
  '5105105105105100',
  '4012888888881881',
  '3530111333300000',
  '3530.1113.3330.0000',
  '5454545454545454',
  '6304000000000000',
  '4111111111111111',
  '371449635398431',
  '6011111111111117',
  '4242424242424242',
];
const MASKED = ['card[card ****5100]', 'cc_[card ****1881]', '[card ****0000]', 'shop.[card ****5454]', '[card ****8431]'];
const BAGGAGE = 'shop.note=card5105105105105100,shop.cc=cc_4012888888881881,shop.jcb=3530.1113.3330.0000,shop.5454545454545454=1';

const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
const logFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.log'));
const logsOf = (dir: string) => logFiles(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');

/**
 * Card numbers in every form the issue found escaping (inside words, with dots, in a baggage
 * key, in a raw body, in URLs) are found nowhere: not in spans, logs, the outbox or the
 * headers of the messages on RabbitMQ.
 */
describe('card numbers never leave the request', () => {
  let h: Hardening;
  let amqp: ChannelModel;
  let channel: Channel;
  const messages: ConsumeMessage[] = [];
  let orderId: string;

  beforeAll(async () => {
    h = await startHardeningStack('card-numbers');
    amqp = await connect(h.amqpUrl);
    channel = await amqp.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, 'orders', 'order.*');
    await channel.consume(queue, (message) => message && messages.push(message), { noAck: true });

    const placed = await send(h.gateway, 'POST', '/orders', order(), { baggage: BAGGAGE });
    expect(placed.status).toBe(201);
    orderId = placed.body.orderId as string;
    const declined = await send(h.gateway, 'POST', '/orders', order({ card: { number: '6011111111111117', expMonth: 13, expYear: 2030, cvc: '123' } }), { baggage: BAGGAGE });
    expect(declined.status).toBe(400);
    expect((await send(h.gateway, 'POST', '/orders', '6304000000000000x')).status).toBe(400);
    expect((await send(h.gateway, 'GET', '/orders/4111111111111111')).status).toBe(400);
    const products = await send(h.gateway, 'GET', '/products?card=371449635398431', undefined, { baggage: BAGGAGE });
    expect(products.status).toBe(200);
    const placedTrace = placed.headers.get('x-trace-id');
    const productsTrace = products.headers.get('x-trace-id');
    // Every service's spans of the order, gateway's and order's of the last request (each service
    // exports in the order its spans end), and the masked URL's log line, which comes after the answer.
    await eventually('the order notified, its message seen, every masked form exported and the masked URL logged', async () => {
      const spans = await fetchSpans(h.receiver.url);
      const flushed = orderDone(spans.filter((s) => s.traceId === placedTrace)) && hasEntries('gateway', 'order')(spans.filter((s) => s.traceId === productsTrace));
      const exported = json(spans);
      const logged = logsOf(h.logDir).includes('/orders/[card ****1111]');
      return flushed && messages.length > 0 && MASKED.every((form) => exported.includes(form)) && logged ? true : undefined;
    });
    await sleep(1000); // the last log lines
  }, 240000);
  afterAll(async () => {
    await amqp?.close().catch(() => undefined);
    await h?.close();
  });

  const expectNoCard = (where: string, text: string) => {
    for (const form of FORMS) if (text.includes(form)) throw new Error(`${form} found in ${where}`);
  };

  it('in no exported span (attributes and keys, events, status, names), yet the masked form is there', async () => {
    const exported = json(await fetchSpans(h.receiver.url));
    expect(exported.length).toBeGreaterThan(5000);
    expectNoCard('spans', exported);
    for (const masked of MASKED) expect(exported).toContain(masked);
  });

  it('in no log line, URLs included', () => {
    expect(logFiles(h.logDir).length).toBe(6);
    const logs = logsOf(h.logDir);
    expect(logs).toContain('/orders/[card ****1111]');
    expectNoCard('logs', logs);
  });

  it('in no outbox row', async () => {
    const { rows } = await h.db.query('SELECT payload::text || trace_carrier::text AS text FROM outbox WHERE order_id = $1', [orderId]);
    expect(rows.length).toBe(1);
    expect(rows[0].text).toContain('shop.note'); // the baggage was stored, masked
    expectNoCard('outbox', rows[0].text);
  });

  it('in no message on RabbitMQ, headers and body', () => {
    const ours = messages.filter((m) => JSON.parse(m.content.toString()).orderId === orderId);
    expect(ours.length).toBe(1);
    expect(String(ours[0]!.properties.headers?.baggage)).toContain('shop.note');
    expectNoCard('message', json(ours[0]!.properties) + ours[0]!.content.toString());
  });

  it('a redelivered or duplicated order.confirmed sends the e-mail once', async () => {
    const event = { orderId: randomUUID(), customerId: 'cust-0042', status: 'confirmed', totalCents: 1200, items: [] };
    for (let i = 0; i < 3; i++) {
      channel.publish('orders', 'order.confirmed', Buffer.from(JSON.stringify(event)), { persistent: true, contentType: 'application/json', messageId: randomUUID() });
    }
    const sends = await eventually('three handled deliveries', async () => {
      const spans = (await fetchSpans(h.receiver.url)).filter((s) => s.name === 'notification.send' && s.attributes['shop.order.id'] === event.orderId);
      return spans.length === 3 ? spans : undefined;
    });
    expect(sends.filter((s) => s.attributes['shop.notification.duplicate'] === false).length).toBe(1);
    expect((await h.db.query('SELECT count(*)::int AS n FROM notifications WHERE order_id = $1', [event.orderId])).rows[0].n).toBe(1);
  });
});
