import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { breakCollectorConfig, readPipelineLabState, restoreCollectorConfig } from './collector-config';
import { decisionWaitMs, findPipelineLab, PIPELINE_LABS } from './pipeline-labs';

const SHIPPED = resolve(__dirname, '../../../../deploy/otel-collector/config.yaml');

describe('pipeline labs', () => {
  let root: string;
  let file: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pipeline-lab-'));
    file = join(root, 'config.yaml');
    // CRLF and a trailing blank line: reset must give these bytes back, not a normalised copy.
    writeFileSync(file, `${readFileSync(SHIPPED, 'utf8').replace(/\n/g, '\r\n')}\r\n`);
    process.env.TRACELAB_COLLECTOR_CONFIG = file;
  });
  afterEach(() => {
    delete process.env.TRACELAB_COLLECTOR_CONFIG;
    rmSync(root, { recursive: true, force: true });
  });

  it.each(PIPELINE_LABS.map((lab) => [lab.name, lab] as const))('%s: its edits apply to the shipped config once, reset gives the bytes back', (_name, lab) => {
    const before = readFileSync(file);
    breakCollectorConfig(root, lab.name, lab.edits);
    const broken = readFileSync(file, 'utf8');
    for (const edit of lab.edits) expect(broken).toContain(edit.replace.replace(/\n/g, '\r\n'));
    expect(readPipelineLabState(root)).toMatchObject({ lab: lab.name, file });
    expect(restoreCollectorConfig(root)).toBe(file);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readPipelineLabState(root)).toBeUndefined();
    expect(restoreCollectorConfig(root)).toBeUndefined();
  });

  it('starting the other lab undoes the first one before breaking; reset restores past a learner edit', () => {
    const before = readFileSync(file);
    breakCollectorConfig(root, 'the-bill-or-the-bug', findPipelineLab('the-bill-or-the-bug')!.edits);
    breakCollectorConfig(root, 'the-silent-collector', findPipelineLab('the-silent-collector')!.edits);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('filter/duplicate-message-spans');
    expect(text).not.toContain('random-two-percent');
    writeFileSync(file, 'a learner was here\n');
    restoreCollectorConfig(root);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses to break a file that is not the shipped configuration', () => {
    writeFileSync(file, 'receivers: {}\n');
    expect(() => breakCollectorConfig(root, 'the-bill-or-the-bug', findPipelineLab('the-bill-or-the-bug')!.edits)).toThrow(/is not the shipped configuration/);
    expect(readPipelineLabState(root)).toBeUndefined();
  });

  it('reads the decision wait as the Collector would', () => {
    expect(decisionWaitMs('    decision_wait: ${env:TAIL_DECISION_WAIT:-5s}\n', {})).toBe(5000);
    expect(decisionWaitMs('    decision_wait: ${env:TAIL_DECISION_WAIT:-5s}\n', { TAIL_DECISION_WAIT: '2s' })).toBe(2000);
    expect(decisionWaitMs('    decision_wait: 500ms\n')).toBe(500);
    expect(decisionWaitMs('processors: {}\n')).toBe(0);
  });
});
