import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Starts a built service with `env` and resolves with its exit code and output. */
function start(service: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--require', '@tracelab/telemetry/register', 'dist/main.js'], {
      cwd: resolve(ROOT, 'services', service),
      env: { PATH: process.env.PATH ?? '', OTEL_TRACES_EXPORTER: 'none', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe('configuration is validated at start-up', () => {
  it('exits 1 naming every bad variable, before touching any dependency', async () => {
    const { code, output } = await start('order', { PORT: 'eighty', DATABASE_URL: 'mysql://db/shop', INVENTORY_GRPC_URL: 'inventory' });
    expect(code).toBe(1);
    expect(output).toContain('order: cannot start, invalid environment');
    expect(output).toMatch(/PORT: .*"eighty"/);
    expect(output).toMatch(/DATABASE_URL: must be a URL starting with postgres:/);
    expect(output).toMatch(/INVENTORY_GRPC_URL: must be host:port/);
  });

  it('names the service even with tracing disabled', async () => {
    const { code, output } = await start('gateway', { OTEL_SDK_DISABLED: 'true', ADMIN_TOKEN: 'short' });
    expect(code).toBe(1);
    expect(output).toContain('gateway: cannot start, invalid environment');
    expect(output).toMatch(/ADMIN_TOKEN: must be at least 8 characters/);
  });

  it("refuses the trace page's sources when they are not what it can read", async () => {
    const { code, output } = await start('gateway', { OTEL_SDK_DISABLED: 'true', TRACE_SOURCE: 'zipkin', JAEGER_QUERY_URL: 'jaeger:16686', LOG_STORE: 'loki' });
    expect(code).toBe(1);
    expect(output).toMatch(/TRACE_SOURCE: must be 'jaeger' or 'local'/);
    expect(output).toMatch(/JAEGER_QUERY_URL: must be a URL starting with http:/);
    expect(output).toMatch(/LOG_STORE: must be 'none', 'victorialogs' or 'local'/);
  });
});
