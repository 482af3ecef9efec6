import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipelinePorts } from '@tracelab/local-stack';
import { NAIVE_POLICIES, SHIPPED_POLICIES, SILENT_FILTER } from '@tracelab/lab';
import { PORT_OFFSET } from '../support/env';
import { resetFaults } from '../support/faults';
import { placeOrder } from '../support/shop';
import { lab as labCli, ROOT } from '../support/lab-cli';
import { restartCollector, watchCollector } from './support/collector-control';
import { jaegerUrl } from './support/jaeger';
import { PIPELINE_ENV } from './support/pipeline-env';

/**
 * The pipeline labs against the real Collector and Jaeger: `pnpm lab workshop start` breaks a copy
 * of deploy/otel-collector/config.yaml that the Collector runs and reloads on every save (as
 * `pnpm start:local` does), the test edits it as a learner would, and `check` judges what Jaeger kept.
 */
const ports = pipelinePorts(PORT_OFFSET);
// Long enough for a slow order's e-mail (1.5 s after the order) to join its trace before the decision.
const COLLECTOR_ENV = { TAIL_DECISION_WAIT: '5s' };
const folder = mkdtempSync(join(tmpdir(), 'tracelab-pipeline-lab-'));
const file = join(folder, 'config.yaml');
const env = {
  JAEGER_URL: jaegerUrl(),
  COLLECTOR_METRICS_URL: `http://127.0.0.1:${ports.collectorMetrics}/metrics`,
  TRACELAB_COLLECTOR_CONFIG: file,
  ...COLLECTOR_ENV,
};
const lab = (...args: string[]) => labCli(args, 300_000, env);
const text = () => readFileSync(file, 'utf8');
const edit = (find: string, replace: string) => {
  expect(text()).toContain(find);
  writeFileSync(file, text().replace(find, replace));
};
const collectorHealthy = () => fetch(`http://127.0.0.1:${ports.collectorHealth}/`).then((r) => r.ok, () => false);

let shipped: Buffer;

beforeAll(async () => {
  copyFileSync(join(ROOT, 'deploy/otel-collector/config.yaml'), file);
  shipped = readFileSync(file);
  await resetFaults();
  await watchCollector({ file, env: COLLECTOR_ENV });
});

afterAll(async () => {
  await lab('workshop', 'reset');
  await restartCollector({ env: PIPELINE_ENV });
  rmSync(folder, { recursive: true, force: true });
});

describe('the-bill-or-the-bug', () => {
  it('check before start says so in one line', async () => {
    const early = await lab('workshop', 'check', 'the-bill-or-the-bug');
    expect(early.status).toBe(1);
    expect(early.output.trim()).toBe('the-bill-or-the-bug is not started: pnpm lab workshop start the-bill-or-the-bug');
  });

  it('start leaves a random 2 %: check fails naming the errors and slow traces lost', async () => {
    const started = await lab('workshop', 'start', 'the-bill-or-the-bug');
    expect(started.status).toBe(0);
    expect(text()).toContain(NAIVE_POLICIES);
    const broken = await lab('workshop', 'check', 'the-bill-or-the-bug');
    console.log(`naive 2 %:\n${broken.output}`);
    expect(broken.status).toBe(1);
    // 10 errors and 5 slow traces at 2 %: all 15 kept with a probability of 0.02^15.
    expect(broken.output).toMatch(/lost \d+ of 10 traces with an error/);
    expect(broken.output).toMatch(/lost \d+ of 5 slow traces/);
  }, 300_000);

  it('a file the Collector refuses: check prints its error line, the running Collector stays up', async () => {
    const before = text();
    edit('sampling_percentage: 2', 'sampling_percentage: two');
    try {
      const refused = await lab('workshop', 'check', 'the-bill-or-the-bug');
      expect(refused.status).toBe(1);
      expect(refused.output).toContain('the Collector refuses');
      expect(refused.output).toMatch(/Error: failed to get config: .*'policies\[0\]\.probabilistic\.sampling_percentage' expected type 'float64'/);
      // The watcher saw the save and refused it too: the Collector that runs is the one from before.
      await new Promise((r) => setTimeout(r, 3000));
      expect(await collectorHealthy()).toBe(true);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('the shipped policies at 5 % pass: every error and slow trace kept, the rest in the band', async () => {
    edit(NAIVE_POLICIES, SHIPPED_POLICIES.replace('${env:SAMPLING_PERCENTAGE:-100}', '5'));
    const fixed = await lab('workshop', 'check', 'the-bill-or-the-bug');
    console.log(`shipped policies at 5 %:\n${fixed.output}`);
    expect(fixed.output).toContain('errors (declined) 10/10   slow (over 1 s) 5/5');
    expect(fixed.output).toContain('✔ the-bill-or-the-bug: fixed');
    expect(fixed.status).toBe(0);
  }, 300_000);

  it('the shipped policies at 100 % fail: no bill was cut', async () => {
    edit("sampling_percentage: 5\n", 'sampling_percentage: 100\n');
    const everything = await lab('workshop', 'check', 'the-bill-or-the-bug');
    console.log(`shipped policies at 100 %:\n${everything.output}`);
    expect(everything.status).toBe(1);
    expect(everything.output).toMatch(/kept (\d+) of \1 ordinary traces \(100\.0 %\)/);
  }, 300_000);

  it('reset restores the shipped file byte for byte', async () => {
    expect((await lab('workshop', 'reset')).status).toBe(0);
    expect(readFileSync(file).equals(shipped)).toBe(true);
  });
});

describe('the-silent-collector', () => {
  it('start adds a filter that drops the consumer spans: check fails naming the lost hop', async () => {
    expect((await lab('workshop', 'start', 'the-silent-collector')).status).toBe(0);
    expect(text()).toContain(SILENT_FILTER);
    const broken = await lab('workshop', 'check', 'the-silent-collector');
    console.log(`silent collector:\n${broken.output}`);
    expect(broken.status).toBe(1);
    expect(broken.output).toContain('5 of 5 traces have no span of notification taking the order\'s message off the queue');
    expect(broken.output).toContain('- order → notification over RabbitMQ');
    expect(broken.output).toContain("- inside notification: 'notification.send' has a parent span not in the trace");
  }, 180_000);

  it('with the shop or the Collector down, check says so in one line', async () => {
    const noShop = await labCli(['workshop', 'check', 'the-silent-collector'], 60_000, { ...env, GATEWAY_URL: 'http://127.0.0.1:9' });
    expect(noShop.status).toBe(1);
    expect(noShop.output.trim()).toMatch(/^the shop does not answer at http:\/\/127\.0\.0\.1:9: start the stack [^\n]*$/);
    const noCollector = await labCli(['workshop', 'check', 'the-silent-collector'], 60_000, { ...env, COLLECTOR_METRICS_URL: 'http://127.0.0.1:9/metrics' });
    expect(noCollector.status).toBe(1);
    expect(noCollector.output.trim()).toMatch(/^the Collector does not answer at http:\/\/127\.0\.0\.1:9\/metrics: [^\n]*$/);
  }, 60_000);

  it('pnpm lab collector shows the spans the filter dropped, from the Collector\'s own metrics', async () => {
    const measuring = lab('collector', '--seconds', '4');
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 5; i++) expect((await placeOrder()).status).toBe(201);
    const bill = await measuring;
    console.log(`pnpm lab collector:\n${bill.output}`);
    expect(bill.status).toBe(0);
    expect(bill.output).toMatch(/loads/);
    expect(bill.output).toMatch(/last 4 s: in \d+\.\d spans\/s, out to Jaeger \d+\.\d spans\/s \(\d+\.\d %\), dropped by filters (?!0\.0 )\d+\.\d spans\/s/);
  });

  it('the filter out of the traces pipeline: check passes, every trace whole', async () => {
    edit('processors: [memory_limiter, filter/duplicate-message-spans, tail_sampling, batch]', 'processors: [memory_limiter, tail_sampling, batch]');
    const fixed = await lab('workshop', 'check', 'the-silent-collector');
    expect(fixed.output).toContain('✔ the-silent-collector: fixed');
    expect(fixed.status).toBe(0);
  }, 180_000);

  it('reset restores the shipped file byte for byte', async () => {
    expect((await lab('workshop', 'reset')).status).toBe(0);
    expect(readFileSync(file).equals(shipped)).toBe(true);
  });
});
