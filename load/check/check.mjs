#!/usr/bin/env node
/**
 * The scenarios as k6 reads them, without k6: each scenario module is evaluated in Node (its
 * TypeScript stripped by Node, k6's modules replaced by the stand-ins in ./k6) with __ENV set to
 * several realistic environments, and its exported `options` checked against k6's documented
 * option types (./rules.mjs). Environments with one unusable variable must stop every scenario
 * that reads it, in init, with one line naming it.
 *
 *   node load/check/check.mjs                 every scenario in load/
 *   node load/check/check.mjs file.ts ...     these modules only
 *
 * Prints one line per scenario and environment; exits 1 when anything is wrong.
 */
import './hooks.mjs';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resetRun, run } from './registry.mjs';
import { checkOptions } from './rules.mjs';

const loadDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** Environments a user or the compose container gives the scenarios. */
const ENVIRONMENTS = [
  { name: 'defaults', env: {} },
  { name: 'compose k6 container', env: { GATEWAY_URL: 'http://gateway:8080', JAEGER_API_URL: 'http://jaeger:16686', SUMMARY_JSON: '/out/run.json' } },
  { name: 'fractional rates', env: { RATE: '2.5', BASE_RATE: '2.5', PEAK_RATE: '12.5', ITERATIONS: '2.5', FAIL_RATE: '0.3', LINES: '3.6' } },
  { name: 'a third of an order per second', env: { RATE: '0.333', BASE_RATE: '0.5', PEAK_RATE: '7' } },
  { name: 'large rates', env: { RATE: '500', BASE_RATE: '200', PEAK_RATE: '2000', ITERATIONS: '1000', PREFETCH: '100' } },
  { name: 'short durations', env: { DURATION: '5s', WINDOW_S: '5', WINDOWS: '2', LAG_CHECK_S: '1', TRACE_SETTLE_SECONDS: '0', FAULT_SETTLE_SECONDS: '0' } },
  { name: 'long soak', env: { DURATION: '1d2h', RATE: '1', WINDOW_S: '1800' } },
];

/** Environments with one value k6 could not use: every scenario reading it must stop in init, naming it. */
const REFUSED = [
  { RATE: 'five' },
  { RATE: '0' },
  { RATE: '-2' },
  { RATE: '0.0001' },
  { PEAK_RATE: '1e400' },
  { ITERATIONS: '0.4' },
  { DURATION: '2 minutes' },
  { DURATION: '500ms' },
  { P95_MS: '-5' },
  { FAIL_RATE: '1.5' },
  { TOP_N: '0' },
  { WINDOWS: 'many' },
].map((env) => ({ name: `refused ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`, env, refused: Object.keys(env)[0] }));

let runs = 0;

/** Evaluates one module afresh with `env`: its exports, the metrics it created and the variables it read. */
async function evaluate(file, env) {
  resetRun();
  const read = new Set();
  globalThis.__ENV = new Proxy(
    { ...env },
    {
      get(target, key) {
        if (typeof key === 'string') read.add(key);
        return target[key];
      },
    },
  );
  Object.assign(globalThis, { __VU: 0, __ITER: 0 });
  runs += 1;
  try {
    const exports = await import(`${pathToFileURL(file).href}?run=${runs}`);
    return { exports, metrics: run.metrics, read };
  } catch (error) {
    return { error, metrics: run.metrics, read };
  }
}

function describe(options) {
  const scenarios = Object.entries(options.scenarios ?? {}).map(([name, s]) => {
    if (s.executor === 'constant-arrival-rate') return `${name}: ${s.rate}/${s.timeUnit ?? '1s'} for ${s.duration}, VUs ${s.preAllocatedVUs}-${s.maxVUs ?? s.preAllocatedVUs}`;
    if (s.executor === 'ramping-arrival-rate') {
      return `${name}: ${[s.startRate ?? 0, ...s.stages.map((stage) => stage.target)].join('>')} per ${s.timeUnit ?? '1s'}, VUs ${s.preAllocatedVUs}-${s.maxVUs ?? s.preAllocatedVUs}`;
    }
    return `${name}: ${s.executor} vus ${s.vus ?? 1} iterations ${s.iterations ?? 1}`;
  });
  const thresholds = Object.values(options.thresholds ?? {}).flat().length;
  return `${scenarios.join('; ')}; ${thresholds} thresholds`;
}

async function main(argv) {
  const files = argv.length > 0 ? argv.map((file) => resolve(file)) : readdirSync(loadDir).filter((name) => name.endsWith('.ts')).sort().map((name) => join(loadDir, name));
  const label = (file) => (argv.length > 0 ? relative(process.cwd(), file) : relative(loadDir, file).replace(/\.ts$/, ''));
  const width = Math.max(...files.map((file) => label(file).length));
  let failures = 0;
  for (const { name, env, refused } of [...ENVIRONMENTS, ...REFUSED]) {
    console.log(`\n${name}${Object.keys(env).length > 0 && !refused ? `  (${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`);
    let readers = 0;
    for (const file of files) {
      const result = await evaluate(file, env);
      const tag = label(file).padEnd(width);
      if (refused && result.read.has(refused)) readers += 1;
      if (result.error) {
        const message = String(result.error?.message ?? result.error);
        const oneLine = !message.includes('\n');
        if (refused && result.read.has(refused) && oneLine && message.startsWith(`${refused}=`)) {
          console.log(`  ok    ${tag}  stopped in init: ${message}`);
        } else {
          failures += 1;
          console.log(`  FAIL  ${tag}  init threw: ${message.split('\n')[0]}`);
        }
        continue;
      }
      const problems = checkOptions(result.exports, result.metrics);
      if (refused && result.read.has(refused)) problems.unshift(`accepted ${refused}=${env[refused]} instead of stopping in init`);
      if (problems.length > 0) {
        failures += 1;
        console.log(`  FAIL  ${tag}`);
        for (const problem of problems) console.log(`          ${problem}`);
      } else {
        console.log(`  ok    ${tag}  ${refused ? `(does not read ${refused}) ` : ''}${describe(result.exports.options)}`);
      }
    }
    if (refused && readers === 0) {
      failures += 1;
      console.log(`  FAIL  no scenario reads ${refused}: this environment tests nothing`);
    }
  }
  console.log(`\n${failures === 0 ? 'every scenario is as k6 reads it' : `${failures} problem(s)`} (${files.length} modules, ${ENVIRONMENTS.length + REFUSED.length} environments)`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
