#!/usr/bin/env node
/**
 * pnpm load <scenario> [extra k6 run arguments]
 *
 * Runs load/<scenario>.ts with a local `k6` when one is on PATH (against http://localhost:8080),
 * otherwise in the compose `k6` container (profile "load", against http://gateway:8080):
 *   docker compose --profile load run --rm k6 run /load/<scenario>.ts
 * The tuning variables of the scenarios (RATE, DURATION, ...) are passed through either way.
 * Exits with k6's exit code (99 when a threshold failed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const loadDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(loadDir);

/** Variables the scenarios and their summary read; forwarded to k6 when set. */
const PASSTHROUGH = [
  'RATE',
  'DURATION',
  'ITERATIONS',
  'BASE_RATE',
  'PEAK_RATE',
  'P95_MS',
  'RECOVERY_P95_MS',
  'SYMPTOM_P95_MS',
  'SYMPTOM_MED_MS',
  'FAIL_RATE',
  'HANG_MS',
  'FAST_503_MS',
  'DELAY_MS',
  'PREFETCH',
  'LAG_CHECK_S',
  'LINES',
  'WINDOWS',
  'FAULT_SETTLE_SECONDS',
  'MIN_STOCK',
  'WINDOW_S',
  'SLOW_LOG_MS',
  'TOP_N',
  'TRACE_SETTLE_SECONDS',
  'SUMMARY_JSON',
  'SUMMARY_SERVICE',
  'ADMIN_TOKEN',
  'GATEWAY_URL',
  'JAEGER_URL',
  'JAEGER_API_URL',
];

const IN_CONTAINER_ONLY = new Set(['GATEWAY_URL', 'JAEGER_API_URL']);

function scenarios() {
  return readdirSync(loadDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => name.slice(0, -3))
    .sort();
}

function usage(stream) {
  stream.write(
    `usage: pnpm load <scenario> [k6 run options]\n` +
      `scenarios: ${scenarios().join(', ')}\n` +
      `examples:\n` +
      `  pnpm load smoke\n` +
      `  RATE=10 DURATION=5m pnpm load baseline\n` +
      `  pnpm load spike -- --quiet\n`,
  );
}

function hasLocalK6() {
  const probe = spawnSync('k6', ['version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

function run(command, args, env) {
  process.stderr.write(`$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot, env });
  if (result.error) {
    process.stderr.write(`load: could not start ${command}: ${result.error.message}\n`);
    return 127;
  }
  if (result.signal) return 130;
  return result.status ?? 1;
}

function main(argv) {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const [scenario, ...rest] = args;
  const extra = rest[0] === '--' ? rest.slice(1) : rest;
  if (!scenario || scenario === '-h' || scenario === '--help') {
    usage(scenario ? process.stdout : process.stderr);
    return scenario ? 0 : 2;
  }
  const script = join(loadDir, `${scenario}.ts`);
  if (!/^[a-z0-9-]+$/.test(scenario) || !existsSync(script)) {
    process.stderr.write(`load: unknown scenario "${scenario}"\n`);
    usage(process.stderr);
    return 2;
  }

  if (process.env.LOAD_RUNNER !== 'docker' && hasLocalK6()) {
    const env = {
      ...process.env,
      GATEWAY_URL: process.env.GATEWAY_URL ?? 'http://localhost:8080',
      JAEGER_URL: process.env.JAEGER_URL ?? 'http://localhost:16686',
    };
    return run('k6', ['run', ...extra, relative(repoRoot, script)], env);
  }

  const compose = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' });
  if (compose.error !== undefined || compose.status !== 0) {
    process.stderr.write(
      'load: neither a local `k6` nor `docker compose` is available.\n' +
        'Install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or Docker with the compose plugin.\n',
    );
    return 127;
  }
  // Inside compose the container's own GATEWAY_URL / JAEGER_API_URL (service names) must win.
  const forwarded = PASSTHROUGH.filter((name) => !IN_CONTAINER_ONLY.has(name) && process.env[name] !== undefined)
    .flatMap((name) => ['-e', `${name}=${process.env[name]}`]);
  return run(
    'docker',
    ['compose', '--profile', 'load', 'run', '--rm', ...forwarded, 'k6', 'run', ...extra, `/load/${scenario}.ts`],
    process.env,
  );
}

process.exitCode = main(process.argv.slice(2));
