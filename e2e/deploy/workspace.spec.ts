import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A workspace package whose dependencies' peers resolve differently per consumer gets *copied*
 * (`file:` in the lockfile) instead of linked; a clean clone then builds against a copy made
 * before `dist/` existed. Keep every workspace package linked.
 */
describe('the pnpm workspace', () => {
  it('links every workspace package instead of copying it', () => {
    const lockfile = readFileSync(resolve(__dirname, '../../pnpm-lock.yaml'), 'utf8');
    const copied = lockfile.split('\n').filter((line) => /version: file:/.test(line));
    expect(copied).toEqual([]);
  });
});
