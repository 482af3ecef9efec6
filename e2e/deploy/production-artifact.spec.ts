import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVhost, imageAllocatorEnv, SERVICES, type Stack, startStack } from '@tracelab/local-stack';
import { AMQP_BROKER } from '../support/env';

const ROOT = resolve(__dirname, '../..');
const VHOST = 'tracelab_deploy';
const PNPM = process.env.npm_execpath ?? 'pnpm';

function pnpm(args: string[]): void {
  const [command, prefix] = PNPM.endsWith('.cjs') || PNPM.endsWith('.js') ? [process.execPath, [PNPM]] : [PNPM, []];
  execFileSync(command, [...prefix, ...args], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * Each service built the way the Dockerfile builds it (`pnpm deploy --prod` of that one package)
 * must start from its folder and become ready: this catches a dependency missing from the
 * production install. The services run with the image's runtime settings: compose's heap caps and
 * the Dockerfile's allocator (jemalloc preloaded, its MALLOC_CONF). Own database and RabbitMQ
 * vhost, so it cannot disturb the trace suites.
 */
describe('production artifacts (pnpm deploy --prod)', () => {
  const out = mkdtempSync(join(tmpdir(), 'tracelab-deploy-'));
  let stack: Stack | undefined;
  const allocator = imageAllocatorEnv(ROOT);

  beforeAll(async () => {
    const amqpUrl = ensureVhost(VHOST, AMQP_BROKER);
    for (const { name } of SERVICES) pnpm(['--filter', `@tracelab/${name}`, 'deploy', '--legacy', '--prod', join(out, name)]);
    stack = await startStack({
      portOffset: 100,
      serviceDir: (name) => join(out, name),
      readyTimeoutMs: 120000,
      env: {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tracelab_deploy',
        AMQP_URL: amqpUrl,
        FRAUD_RISK_ROWS: '20000',
        OTEL_TRACES_EXPORTER: 'none',
        NODE_OPTIONS: '--max-old-space-size=64 --max-semi-space-size=2',
        ...allocator,
      },
    });
  }, 240000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it.each(SERVICES.map((s) => s.name))('%s starts from its deployed folder and answers /healthz', async (name) => {
    const response = await fetch(`${stack!.service(name).url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it.each(SERVICES.map((s) => s.name))('%s allocates with the preloaded jemalloc', (name) => {
    const maps = readFileSync(`/proc/${stack!.service(name).process.pid}/maps`, 'utf8');
    expect(maps).toContain(allocator.LD_PRELOAD);
  });

  it("accepts the image's MALLOC_CONF (jemalloc names, on stderr, any option it does not know)", () => {
    const stderrWith = (conf: string) =>
      spawnSync(process.execPath, ['-e', ''], { env: { ...process.env, ...allocator, MALLOC_CONF: conf }, encoding: 'utf8' }).stderr;
    expect(stderrWith(`${allocator.MALLOC_CONF},dirty_decay:1000`)).toMatch(/<jemalloc>: Invalid conf pair: dirty_decay:1000/);
    expect(stderrWith(allocator.MALLOC_CONF)).toBe('');
  });

  it('serves a whole order through the deployed services', async () => {
    const response = await fetch(`${stack!.gatewayUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customerId: 'cust-0042',
        items: [{ sku: 'TL-MUG', quantity: 1 }],
        card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
      }),
    });
    expect(response.status).toBe(201);
  });
});
