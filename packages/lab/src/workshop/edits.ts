import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Edit } from './code-labs';

export type EditState = 'applied' | 'clean' | 'modified';

function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** Whether an edit is in place, not in place, or neither (the learner changed the lines). */
export function editState(root: string, edit: Edit): EditState {
  const text = readFileSync(join(root, edit.file), 'utf8');
  if (countOf(text, edit.replace) === 1) return 'applied';
  if (countOf(text, edit.find) === 1) return 'clean';
  return 'modified';
}

export function applyEdit(root: string, edit: Edit): void {
  const path = join(root, edit.file);
  const text = readFileSync(path, 'utf8');
  if (countOf(text, edit.find) !== 1) throw new Error(`${edit.file}: the code to break is not there as expected (already changed?)`);
  writeFileSync(path, text.replace(edit.find, edit.replace));
}

/** Undoes an edit; false when the lines no longer look like either version. */
export function revertEdit(root: string, edit: Edit): boolean {
  const path = join(root, edit.file);
  const text = readFileSync(path, 'utf8');
  if (countOf(text, edit.replace) === 1) {
    writeFileSync(path, text.replace(edit.replace, edit.find));
    return true;
  }
  return countOf(text, edit.find) === 1;
}
