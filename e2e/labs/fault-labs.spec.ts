import { lab as labCli } from '../support/lab-cli';
import { resetFaults } from '../support/faults';

const lab = (...args: string[]) => labCli(args);

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
