import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CODE_LABS } from './code-labs';
import { applyEdit, editState, revertEdit } from './edits';

const ROOT = resolve(__dirname, '../../../..');

describe('code lab edits', () => {
  it.each(CODE_LABS.flatMap((lab) => lab.edits.map((edit) => [lab.name, edit] as const)))(
    '%s: its code is in the tree exactly once, so start and reset are exact',
    (_lab, edit) => {
      expect(editState(ROOT, edit)).toBe('clean');
    },
  );

  it('applies and reverts an edit, and refuses to apply twice', () => {
    const root = mkdtempSync(join(tmpdir(), 'lab-'));
    writeFileSync(join(root, 'a.ts'), 'one\ntwo\nthree\n');
    const edit = { file: 'a.ts', find: 'two\n', replace: '2\n' };
    applyEdit(root, edit);
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe('one\n2\nthree\n');
    expect(editState(root, edit)).toBe('applied');
    expect(() => applyEdit(root, edit)).toThrow(/not there as expected/);
    expect(revertEdit(root, edit)).toBe(true);
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe('one\ntwo\nthree\n');
  });
});
