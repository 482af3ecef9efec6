import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensureVhost } from '@tracelab/local-stack';
import { AMQP_BROKER } from '../support/env';
import { freshDatabase } from '../support/own-stack';
import { orderBody, request } from '../support/shop';
import { eventually } from '../support/wait';

/**
 * `pnpm start:local` itself (scripts/start-local.mjs), as a learner runs it, with its ports moved
 * by TRACELAB_PORT_OFFSET so it sits beside a dev stack and the e2e stacks, its .local in a
 * temporary folder, a database and vhost of its own. Its terminal is a pipe here: plain text.
 */
const ROOT = resolve(__dirname, '../..');
const NAME = 'tracelab_startlocal';
const OFFSET = 700;
const GATEWAY = `http://127.0.0.1:${8080 + OFFSET}`;
const ADMIN_TOKEN = 'startlocal-admin-token';
const SERVICES = ['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification'];
/** A line that is raw JSON, bare or behind a `[service]` prefix. */
const JSON_LINE = /^\s*(\[[\w-]+\]\s*)?[{[]"/;
const BANNER_RULE = /^═{20,}$/;

/** `pnpm lab …` against this stack, with no k6 (nor docker) on PATH. */
function lab(args: string[], localDir: string): Promise<{ status: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'packages/lab/dist/cli.js'), ...args],
      { cwd: ROOT, env: { PATH: dirname(process.execPath), HOME: process.env.HOME, GATEWAY_URL: GATEWAY, ADMIN_TOKEN, TRACELAB_LOCAL_DIR: localDir }, timeout: 60000 },
      (error, stdout, stderr) => done({ status: error ? Number(error.code ?? -1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('pnpm start:local as a learner meets it', () => {
  let localDir: string;
  let starter: ChildProcess;
  let terminal = '';
  const lines = () => terminal.split('\n');
  /** The lines after the ready banner's closing rule. */
  const afterBanner = () => {
    const all = lines();
    const rules = all.flatMap((line, i) => (BANNER_RULE.test(line) ? [i] : []));
    return all.slice(rules[1]! + 1);
  };

  beforeAll(async () => {
    await freshDatabase(NAME);
    const amqpUrl = ensureVhost(NAME, AMQP_BROKER);
    localDir = mkdtempSync(join(tmpdir(), 'tracelab-start-local-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TRACELAB_PORT_OFFSET: String(OFFSET),
      TRACELAB_LOCAL_DIR: localDir,
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${NAME}`,
      AMQP_URL: amqpUrl,
      FRAUD_RISK_ROWS: '20000',
      ADMIN_TOKEN,
    };
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'FORCE_COLOR', 'NO_COLOR', 'TRACELAB_LOGS', 'QUIET']) delete env[name];
    starter = spawn(process.execPath, [join(ROOT, 'scripts/start-local.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    starter.stdout!.on('data', (chunk: Buffer) => (terminal += chunk.toString('utf8')));
    starter.stderr!.on('data', (chunk: Buffer) => (terminal += chunk.toString('utf8')));
    await eventually(
      `start:local's ready banner (output so far:\n${terminal.slice(-3000)})`,
      async () => {
        if (starter.exitCode !== null) throw new Error(`start:local exited ${starter.exitCode}:\n${terminal.slice(-3000)}`);
        return lines().filter((line) => BANNER_RULE.test(line)).length >= 2 ? true : undefined;
      },
      240000,
      250,
    );
  }, 300000);

  afterAll(async () => {
    if (starter && starter.exitCode === null && starter.signalCode === null) {
      starter.kill('SIGKILL');
      await once(starter, 'exit');
    }
    if (localDir) rmSync(localDir, { recursive: true, force: true });
  });

  let traceId: string;

  it('lists every URL in the ready banner, then shows an order as readable lines: no JSON, no colour on a pipe', async () => {
    const banner = terminal.slice(terminal.indexOf('tracelab is ready'));
    expect(banner).toMatch(new RegExp(`^  shop API +${GATEWAY} `, 'm'));
    expect(banner).toContain(`${GATEWAY}/console?token=${ADMIN_TOKEN}`);
    expect(banner).toContain(`${GATEWAY}/console/traces/<trace id>`);
    expect(banner).toMatch(/Jaeger API +http:\/\/127\.0\.0\.1:17386\/api\/v3\/traces\/<trace id>|spans +http:\/\/127\.0\.0\.1:5018\/spans/);
    expect(banner).toContain(`${localDir}/logs/<service>.log`);

    const placed = await request(GATEWAY, 'POST', '/orders', orderBody(), { baggage: 'synthetic=true,shop.scenario=e2e-start-local' });
    expect(placed.status).toBe(201);
    traceId = placed.headers.get('x-trace-id')!;
    const short = traceId.slice(0, 8);
    const orderLines = await eventually(
      `the order's log lines on the terminal (trace ${short})`,
      async () => {
        const found = afterBanner().filter((line) => line.includes(`trace ${short}`));
        return ['gateway', 'order'].every((service) => found.some((line) => line.includes(`(${service}):`))) ? found : undefined;
      },
      15000,
    );
    // Fields the line has beyond those follow as compact JSON (inventory's `stock reserved` {orderId, items, totalCents}).
    for (const line of orderLines) {
      expect(line).toMatch(new RegExp(`^\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] (INFO|WARN|ERROR) \\((${SERVICES.join('|')})\\): .+ trace ${short}( \\{.*\\})?$`));
    }
    expect(orderLines.some((line) => / \(gateway\): request completed POST \/orders → 201 \d+ ms trace /.test(line))).toBe(true);
    expect(lines().filter((line) => JSON_LINE.test(line))).toEqual([]);
    expect(terminal).not.toMatch(/\u001b\[/);
    expect(terminal).not.toContain(traceId);
  });

  it('keeps every JSON line, trace ids whole, in .local/logs/<service>.log', () => {
    for (const service of ['gateway', 'order']) {
      const file = join(localDir, 'logs', `${service}.log`);
      const json = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { trace_id?: string; msg?: string });
      expect(json.length).toBeGreaterThan(5);
      expect(json.filter((entry) => entry.trace_id === traceId).map((entry) => entry.msg)).toContain('request completed');
    }
    for (const service of SERVICES) expect(existsSync(join(localDir, 'logs', `${service}.log`))).toBe(true);
  });

  it('makes `pnpm lab workshop start` detect local mode: the links to look at a trace, k6 optional, the check to run', async () => {
    const started = await lab(['workshop', 'start', 'slow-checkout'], localDir);
    expect(started.status).toBe(0);
    expect(started.output).toContain(`local mode (pnpm start:local, gateway ${GATEWAY})`);
    expect(started.output).toContain(`${GATEWAY}/console/traces/<trace id>`);
    expect(started.output).toMatch(/k6 is not installed, and every lab's check places its own orders/);
    expect(started.output).toMatch(
      /When you think you fixed it: (JAEGER_URL=http:\/\/127\.0\.0\.1:17386 pnpm lab workshop check slow-checkout|RECEIVER_URL=http:\/\/127\.0\.0\.1:5018 pnpm lab workshop check slow-checkout --source local)\n/,
    );
    expect(started.output).not.toContain('16686');
    const faults = await request(GATEWAY, 'GET', '/admin/faults', undefined, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect((faults.body.faults as { name: string; enabled: boolean }[]).find((f) => f.name === 'slow-query')?.enabled).toBe(true);
    expect((await lab(['workshop', 'reset'], localDir)).status).toBe(0);
  });

  it('stops everything on Ctrl-C and takes local mode back: no state file, no gateway, workshop start says so', async () => {
    starter.kill('SIGINT');
    const [code] = (await once(starter, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(existsSync(join(localDir, 'stack.json'))).toBe(false);
    await expect(fetch(`${GATEWAY}/healthz`)).rejects.toThrow();
    const started = await lab(['workshop', 'start', 'slow-checkout'], localDir);
    expect(started.status).toBe(1);
    expect(started.output).toContain(`No shop answers at ${GATEWAY}: start one with pnpm start:local`);
  }, 60000);
});
