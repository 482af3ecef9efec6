#!/usr/bin/env node
// The test command: builds, runs the unit specs and the end-to-end suites (real services,
// real Postgres and RabbitMQ), then prints one closing line `N passed, N failed`.
// `pnpm test unit` or `pnpm test e2e` runs one project only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [project, ...rest] = process.argv.slice(2);

const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const report = join(mkdtempSync(join(tmpdir(), 'tracelab-test-')), 'report.json');
const args = [join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${report}`, '--runInBand'];
if (project === 'unit' || project === 'e2e') args.push('--selectProjects', project);
else if (project) args.push(project);
args.push(...rest);
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });

let passed = 0;
let failed = 0;
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
} catch {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && run.status === 0 ? 0 : 1);
