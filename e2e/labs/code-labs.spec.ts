import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { CODE_LABS, editState } from '@tracelab/lab';
import { GATEWAY_URL } from '../support/env';

const ROOT = resolve(__dirname, '../..');
const LAB_CLI = resolve(ROOT, 'packages/lab/dist/cli.js');

/**
 * Runs `pnpm lab workshop ...` as a learner would; lab progress goes to the e2e gateway.
 * Asynchronous: this process hosts the e2e receiver, which must keep answering meanwhile.
 */
function lab(...args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [LAB_CLI, 'workshop', ...args],
      { cwd: ROOT, env: { ...process.env, GATEWAY_URL, ADMIN_TOKEN: process.env.E2E_ADMIN_TOKEN ?? 'e2e-admin-token' }, timeout: 300000 },
      (error, stdout, stderr) => done({ status: error ? Number(error.code ?? -1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('code labs', () => {
  afterAll(async () => {
    await lab('reset');
  });

  it.each(CODE_LABS.map((l) => [l.name, l] as const))('%s: start breaks it with the right diagnosis, reset fixes it', async (_name, codeLab) => {
    expect((await lab('start', codeLab.name)).status).toBe(0);
    for (const edit of codeLab.edits) expect(editState(ROOT, edit)).toBe('applied');

    const broken = await lab('check', codeLab.name);
    expect(broken.output).toContain(`✘ ${codeLab.name}: not fixed yet`);
    expect(broken.output).toContain(codeLab.diagnosis);
    expect(broken.status).toBe(1);

    expect((await lab('reset')).status).toBe(0);
    for (const edit of codeLab.edits) expect(editState(ROOT, edit)).toBe('clean');

    const fixed = await lab('check', codeLab.name);
    expect(fixed.output).toContain(`✔ ${codeLab.name}: fixed`);
    expect(fixed.status).toBe(0);
  }, 600000);
});
