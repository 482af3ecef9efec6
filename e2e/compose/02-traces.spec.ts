import { lab } from '../support/lab-cli';
import { orderBody, placeOrder } from '../support/shop';
import { eventually } from '../support/wait';
import { expectWhole, median, orderDone, SIX_SERVICES } from '../support/whole-trace';
import { jaegerUrl, prometheusUrl, waitForJaegerTrace } from '../pipeline/support/jaeger';

const ORDERS = 10;

describe('orders through the published gateway, traces from the Jaeger container', () => {
  const traceIds: string[] = [];

  it(`${ORDERS} orders: each trace, read from Jaeger's api/v3 with the doctor's reader, is whole across six services`, async () => {
    const skus = ['TL-MUG', 'TL-TEE', 'TL-CAP', 'TL-BOOK', 'TL-SOCKS'];
    const answers = [];
    for (let i = 0; i < ORDERS; i += 1) answers.push(await placeOrder(orderBody({ customerId: `cust-${String(700 + i).padStart(4, '0')}`, items: [{ sku: skus[i % skus.length]!, quantity: 1 }] })));
    expect(answers.map((a) => a.status)).toEqual(Array(ORDERS).fill(201));
    const placed = Date.now();
    const spanCounts: number[] = [];
    for (const answer of answers) {
      const spans = await waitForJaegerTrace(answer.traceId, orderDone, { timeoutMs: 60_000 });
      expectWhole(spans);
      spanCounts.push(spans.length);
      traceIds.push(answer.traceId);
    }
    console.log(
      `compose whole traces: ${ORDERS}/${ORDERS} whole from the Jaeger container, ${SIX_SERVICES.length} services each, ` +
        `spans per trace min ${Math.min(...spanCounts)} median ${median(spanCounts)} max ${Math.max(...spanCounts)}, ` +
        `all read ${((Date.now() - placed) / 1000).toFixed(1)} s after the last order`,
    );
  }, 180_000);

  it('pnpm lab doctor, pointed at the Jaeger container, judges an order trace WHOLE', async () => {
    const result = await lab(['doctor', '--trace', traceIds[0]!, '--jaeger-url', jaegerUrl()], 60_000);
    expect(result.output).toContain('verdict: WHOLE');
    expect(result.status).toBe(0);
  });

  it('the Prometheus container holds the span metrics of all six services', async () => {
    const query = encodeURIComponent('sum by (service_name) (traces_span_metrics_calls_total)');
    const services = await eventually('span metrics of six services in Prometheus', async () => {
      const body = (await (await fetch(`${prometheusUrl()}/api/v1/query?query=${query}`)).json()) as { data: { result: { metric: { service_name: string } }[] } };
      const names = body.data.result.map((r) => r.metric.service_name).sort();
      return SIX_SERVICES.every((s) => names.includes(s)) ? names : undefined;
    }, 90_000, 2000);
    expect(services).toEqual(expect.arrayContaining(SIX_SERVICES));
  }, 120_000);
});
