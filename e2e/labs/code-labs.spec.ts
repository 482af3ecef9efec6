import { CODE_LABS, editState } from '@tracelab/lab';
import { lab as labCli, ROOT } from '../support/lab-cli';

/** `pnpm lab workshop ...`; a check builds and starts its own stack, so give it time. */
const lab = (...args: string[]) => labCli(['workshop', ...args], 300000);

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
