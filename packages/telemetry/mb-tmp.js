// node mb-tmp.js <variant: none|hold|export> ; 600 spans/s (30 per "order" at 20/s) for 20 s, prints CPU ms per order
const { TracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const variant = process.argv[2];
const dropExporter = { export(spans, cb) { cb({ code: 0 }); }, shutdown: async () => {} };
const sp = variant === 'none' ? [] : [new BatchSpanProcessor({ exporter: variant === 'hold' ? dropExporter : new OTLPTraceExporter({ url: 'http://127.0.0.1:14999/v1/traces' }), scheduledDelayMillis: Number(process.env.D ?? 500), maxQueueSize: 16384, maxExportBatchSize: 1024 })];
const p = new TracerProvider({ spanProcessors: sp });
const t = p.getTracer('x');
const attrs = () => ({ 'db.system.name': 'postgresql', 'db.query.text': 'SELECT id, status FROM orders WHERE id = $1', 'server.address': '127.0.0.1', 'server.port': 5432, 'shop.order.id': crypto.randomUUID(), 'baggage.synthetic': 'true' });
let orders = 0;
const order = () => { for (let i = 0; i < 30; i++) { const s = t.startSpan('SELECT orders', { attributes: attrs() }); s.setAttribute('x', i); s.end(); } orders++; };
const iv = setInterval(order, 50);
setTimeout(() => { const c0 = process.cpuUsage(); const o0 = orders; setTimeout(() => { const c = process.cpuUsage(c0); console.log(variant, ((c.user + c.system) / 1000 / (orders - o0)).toFixed(3), 'ms/order'); clearInterval(iv); p.shutdown().then(() => process.exit(0)); }, 20000); }, 3000);
