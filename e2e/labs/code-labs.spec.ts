import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CODE_LABS, editState } from '@tracelab/lab';
import { GATEWAY_URL } from '../support/env';

const ROOT = resolve(__dirname, '../..');
const LAB_CLI = resolve(ROOT, 'packages/lab/dist/cli.js');

/** Runs `pnpm lab workshop ...` as a learner would; lab progress goes to the e2e gateway. */
function lab(...args: string[]): { status: number; output: string } {
  const run = spawnSync(process.execPath, [LAB_CLI, 'workshop', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GATEWAY_URL, ADMIN_TOKEN: process.env.E2E_ADMIN_TOKEN ?? 'e2e-admin-token' },
    timeout: 300000,
  });
  return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

describe('code labs', () => {
  afterAll(() => {
    lab('reset');
  });

  it.each(CODE_LABS.map((l) => [l.name, l] as const))('%s: start breaks it with the right diagnosis, reset fixes it', (_name, codeLab) => {
    expect(lab('start', codeLab.name).status).toBe(0);
    for (const edit of codeLab.edits) expect(editState(ROOT, edit)).toBe('applied');

    const broken = lab('check', codeLab.name);
    expect(broken.output).toContain(`✘ ${codeLab.name}: not fixed yet`);
    expect(broken.output).toContain(codeLab.diagnosis);
    expect(broken.status).toBe(1);

    expect(lab('reset').status).toBe(0);
    for (const edit of codeLab.edits) expect(editState(ROOT, edit)).toBe('clean');

    const fixed = lab('check', codeLab.name);
    expect(fixed.output).toContain(`✔ ${codeLab.name}: fixed`);
    expect(fixed.status).toBe(0);
  }, 600000);
});
