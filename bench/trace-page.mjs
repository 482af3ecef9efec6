#!/usr/bin/env node
// `pnpm bench:trace-page`: how long Chromium takes to draw the console's trace page for a trace of
// BENCH_TRACE_SPANS spans (2,000 by default). The page, its scripts and the answer of
// GET /admin/traces/<id> are the gateway's own (built code: the trace doctor's analyze() and the
// gateway's traceView()), served to headless Chromium through request interception, so the figure
// is the browser's work alone: parse the answer, build the rows on show (the levels below depth 3
// start folded and are built when unfolded), lay out and paint; then "Expand all" (every row
// built and shown). Not a test: it prints figures (docs/benchmark.md).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPANS = Number(process.env.BENCH_TRACE_SPANS ?? 2000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const require = createRequire(join(root, 'e2e/package.json'));
const { chromium } = require('playwright-core');
const { analyze } = require(join(root, 'packages/trace-doctor/dist/index.js'));
const { traceView } = require(join(root, 'services/gateway/dist/traces/trace-view.js'));
const { TRACE_PAGE_HTML } = require(join(root, 'services/gateway/dist/console/trace-page.js'));
const { CONSOLE_KIT } = require(join(root, 'services/gateway/dist/console/console.kit.js'));
const { TRACE_SCRIPT } = require(join(root, 'services/gateway/dist/console/trace.script.js'));
const { CONSOLE_CONTENT_SECURITY_POLICY } = require(join(root, 'services/gateway/dist/console/console.security.js'));

const TRACE_ID = 'b0'.repeat(16);
const SERVICES = ['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification'];

/** A trace of `count` spans, six children per span level by level, each inside its parent's time. */
function wideTrace(count) {
  const start = BigInt(Date.now()) * 1_000_000n;
  const span = (id, parent, service, at, ms) => ({
    traceId: TRACE_ID,
    spanId: id.toString(16).padStart(16, '0'),
    parentSpanId: parent?.spanId,
    name: `step ${id}`,
    kind: id === 1 ? 2 : 1 + (id % 3),
    service,
    startTimeUnixNano: start + BigInt(Math.round(at * 1e6)),
    endTimeUnixNano: start + BigInt(Math.round((at + ms) * 1e6)),
    durationMs: ms,
    attributes: { 'bench.index': id, 'db.query.text': 'SELECT 1' },
    resource: { 'service.name': service },
    status: { code: id % 97 === 0 ? 2 : 0 },
    events: [],
    links: [],
    at,
    ms,
  });
  const spans = [span(1, undefined, 'gateway', 0, 1000)];
  for (let next = 0; spans.length < count; next++) {
    const parent = spans[next];
    for (let i = 0; i < 6 && spans.length < count; i++) {
      spans.push(span(spans.length + 1, parent, SERVICES[spans.length % 6], parent.at + (i * parent.ms) / 6, (parent.ms / 6) * 0.9));
    }
  }
  return spans;
}

const spans = wideTrace(SPANS);
const view = { ...traceView(TRACE_ID, 'the benchmark', { report: analyze(spans), spans }), logs: { state: 'not-configured', message: 'no log store configured' } };
const body = JSON.stringify(view);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.route('http://tracelab.bench/**', (route) => {
  const path = new URL(route.request().url()).pathname;
  const reply = (contentType, text, headers = {}) => route.fulfill({ status: 200, contentType, body: text, headers });
  if (path === '/console/kit.js') return reply('text/javascript', CONSOLE_KIT);
  if (path === '/console/trace.js') return reply('text/javascript', TRACE_SCRIPT);
  if (path === `/admin/traces/${TRACE_ID}`) return reply('application/json', body);
  if (path === '/admin/config') return reply('application/json', '{}');
  return reply('text/html', TRACE_PAGE_HTML, { 'content-security-policy': CONSOLE_CONTENT_SECURITY_POLICY });
});

const runs = [];
for (let i = 0; i < REPEAT + 1; i++) {
  await page.goto(`http://tracelab.bench/console/traces/${TRACE_ID}?token=bench-token`);
  await page.waitForSelector('[data-testid="waterfall-hint"][data-folded]');
  // The first frame after the DOM is built: layout and paint of the page included.
  const painted = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))));
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime])));
  const spans = Number(await page.locator('[data-testid="waterfall-hint"]').getAttribute('data-spans'));
  if (spans !== SPANS) throw new Error(`the page has ${spans} spans, expected ${SPANS}`);
  const expandStarted = await page.evaluate(() => performance.now());
  await page.locator('[data-testid="expand-all"]').click();
  const expanded = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))));
  if (i > 0) runs.push({ script: marks['trace:rendered'] - marks['trace:data'], painted: painted - marks['trace:data'], total: painted, expand: expanded - expandStarted });
}
await browser.close();

const figure = (key) => median(runs.map((run) => run[key])).toFixed(0);
const folded = view.trace.waterfall.filter((row) => row.depth > 3).length;
console.log(`trace page, ${SPANS} spans (${folded} folded below depth 3), ${(body.length / 1024).toFixed(0)} KiB of JSON, median of ${REPEAT} loads after one warm-up:`);
console.log(`  answer → DOM built           ${figure('script')} ms`);
console.log(`  answer → first frame painted ${figure('painted')} ms`);
console.log(`  navigation → painted         ${figure('total')} ms   (target < 1000 ms)`);
console.log(`  "Expand all" → painted       ${figure('expand')} ms   (all ${SPANS} rows built and shown)`);
