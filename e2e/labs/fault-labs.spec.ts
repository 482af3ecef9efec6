import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { ADMIN_TOKEN, GATEWAY_URL, RECEIVER_URL } from '../support/env';
import { resetFaults } from '../support/faults';

const ROOT = resolve(__dirname, '../..');

/**
 * `pnpm lab ...` against the running e2e stack, reading traces from its receiver. Asynchronous on
 * purpose: the receiver lives in this process and must keep answering while the command runs.
 */
function lab(...args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve(ROOT, 'packages/lab/dist/cli.js'), ...args],
      { cwd: ROOT, env: { ...process.env, GATEWAY_URL, ADMIN_TOKEN, RECEIVER_URL }, timeout: 120000 },
      (error, stdout, stderr) => done({ status: error ? Number(error.code ?? -1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('a fault lab (n-plus-one) on the running stack', () => {
  afterAll(resetFaults);

  it('start switches its fault on; check fails on the symptom until the fault is off', async () => {
    expect((await lab('workshop', 'start', 'n-plus-one')).status).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));

    const broken = await lab('workshop', 'check', 'n-plus-one', '--source', 'local');
    expect(broken.status).toBe(1);
    expect(broken.output).toContain('fault n-plus-one is still switched on');
    expect(broken.output).toMatch(/inventory still ran 2 UPDATE statements for one order/);

    expect((await lab('fault', 'off', 'n-plus-one')).status).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    const fixed = await lab('workshop', 'check', 'n-plus-one', '--source', 'local');
    expect(fixed.output).toContain('✔ n-plus-one: fixed');
    expect(fixed.status).toBe(0);
  });

  it('fault list shows the switches; a bad param is refused with the reason', async () => {
    const list = await lab('fault', 'list');
    expect(list.status).toBe(0);
    expect(list.output).toMatch(/retry-storm\s+failRate=0.5/);
    const bad = await lab('fault', 'on', 'retry-storm', '--failRate', '7');
    expect(bad.status).toBe(1);
    expect(bad.output).toContain('params.failRate');
  });
});
