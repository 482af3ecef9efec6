#!/usr/bin/env node
// The test command: builds, then runs four tiers and prints one closing line `N passed, N failed`:
//   unit      specs beside the code
//   e2e       the six real services, real Postgres and RabbitMQ, spans into an in-process receiver
//   pipeline  the same services through the real Collector, Jaeger and Prometheus (`pnpm tools:build`)
//   compose   docker-compose.yml and the Dockerfile on a Docker engine (scripts/docker-engine.sh),
//             stand-in infrastructure images (e2e/compose/support/standins.mjs)
// `pnpm test <tier>` runs one tier; `pnpm test <tier> <path filter>` a part of it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIERS = ['unit', 'e2e', 'pipeline', 'compose'];
const [first, ...rest] = process.argv.slice(2);
const tiers = TIERS.includes(first) ? [first] : TIERS;
const filters = TIERS.includes(first) ? rest : process.argv.slice(2);

const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const reports = mkdtempSync(join(tmpdir(), 'tracelab-test-'));

/** One Jest run; the receiver tiers share a run, the pipeline tier has a stack of its own. */
function jest(name, configArgs) {
  const report = join(reports, `${name}.json`);
  const args = [join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${report}`, '--runInBand', ...filters, ...configArgs];
  // (filters first: --selectProjects takes every word after it)
  // A path filter may match nothing in one of the tiers it runs.
  if (filters.length > 0) args.push('--passWithNoTests');
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
  // A run that matched no test in a tier that was asked for is a failure, never a silent pass.
  if ((run.status !== 0 || passed === 0) && failed === 0 && filters.length === 0) failed = 1;
  if (run.status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

const runs = [];
const receiverTiers = tiers.filter((tier) => tier !== 'pipeline' && tier !== 'compose');
if (receiverTiers.length > 0) runs.push(jest(receiverTiers.join('+'), receiverTiers.flatMap((tier) => ['--selectProjects', tier])));
if (tiers.includes('pipeline')) runs.push(jest('pipeline', ['--config', join(root, 'e2e/pipeline/jest.config.js')]));
if (tiers.includes('compose')) runs.push(jest('compose', ['--config', join(root, 'e2e/compose/jest.config.js')]));

const passed = runs.reduce((sum, run) => sum + run.passed, 0);
let failed = runs.reduce((sum, run) => sum + run.failed, 0);
// A filter that matched nothing in any tier is a mistake, not a pass.
if (passed === 0 && failed === 0) {
  console.error(`no test matched ${filters.join(' ')}`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
