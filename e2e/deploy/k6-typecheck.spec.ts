/**
 * k6 only strips TypeScript types, it never checks them: this does, with @types/k6 (e2e devDependency).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

describe('load/ k6 scripts', () => {
  it('type-check with tsc -p load/tsconfig.json', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', 'load/tsconfig.json', '--noEmit', '--pretty', 'false'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.error).toBeUndefined();
    expect({ status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({ status: 0, output: '' });
  }, 150_000);
});
