#!/usr/bin/env node
/**
 * pnpm load <scenario> [extra k6 run arguments]
 *
 * Runs load/<scenario>.ts against the stack that is running, and never starts one:
 *   - a local `k6` (v0.57.0 or later: the first that runs TypeScript as is) drives GATEWAY_URL
 *     (default http://localhost:8080), whichever stack answers there;
 *   - without one, the compose stack's own k6 container when the compose stack is up:
 *       docker compose --profile load run --rm k6 run /load/<scenario>.ts
 *   - without one, when the local stack (pnpm start:local) answers: the compose file's k6 image
 *     alone (docker run --rm, no compose project, so no network or volume), on the host's network
 *     (Linux) or through host.docker.internal (Docker Desktop); without Docker or that image, a
 *     paragraph on installing k6.
 * The tuning variables of the scenarios (RATE, DURATION, ...) are passed through in every mode;
 * SUMMARY_JSON is a path on this machine (relative to where pnpm was run), mounted into the
 * container when k6 runs in one. LOAD_RUNNER=docker skips a local k6; K6_IMAGE replaces the
 * compose file's k6 image for the local stack.
 * Exits with k6's exit code (99 when a threshold failed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { K6_TYPESCRIPT, answers, composeFacts, composeGatewayRunning, dockerEngine, ensureImage, localK6, olderThan } from './stacks.mjs';

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

/** Set by this script for a container (where the gateway and Jaeger are seen from inside it). */
const SET_FOR_CONTAINER = new Set(['GATEWAY_URL', 'JAEGER_API_URL', 'SUMMARY_JSON']);
const outDir = join(loadDir, 'out');

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

/**
 * SUMMARY_JSON as a path on this machine, and where a container writes it: load/out is mounted at
 * /out (the compose k6 service's output mount); a file elsewhere gets its directory mounted at /summary.
 */
function summaryTarget() {
  const value = process.env.SUMMARY_JSON;
  if (!value) return null;
  const host = resolve(process.env.INIT_CWD ?? process.cwd(), value);
  mkdirSync(dirname(host), { recursive: true });
  const inOut = relative(outDir, host);
  if (!inOut.startsWith('..') && !isAbsolute(inOut)) return { host, container: `/out/${inOut.split(sep).join('/')}`, mount: [] };
  return { host, container: `/summary/${basename(host)}`, mount: ['-v', `${dirname(host)}:/summary`] };
}

/** -e NAME=value for every tuning variable set here, except those the container mode sets itself. */
function forwardedVariables(setHere = SET_FOR_CONTAINER) {
  return PASSTHROUGH.filter((name) => !setHere.has(name) && process.env[name] !== undefined).flatMap((name) => [
    '-e',
    `${name}=${process.env[name]}`,
  ]);
}

/** On Linux the container writes load/out as the user running pnpm (the k6 image's own user may not). */
function asThisUser(engine) {
  return !engine.desktop && typeof process.getuid === 'function' ? ['--user', `${process.getuid()}:${process.getgid()}`] : [];
}

/** The paragraph for a machine that has the local stack up and no way to run k6. */
function installK6(gatewayUrl, why) {
  return (
    `load: k6 is not installed, and the local stack at ${gatewayUrl} has no k6 container beside it (${why}).\n` +
    'Install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/), then run this again:\n' +
    '  Debian/Ubuntu:  curl -fsSL https://dl.k6.io/key.gpg | sudo gpg --dearmor -o /usr/share/keyrings/k6-archive-keyring.gpg\n' +
    '                  echo "deb [signed-by=/usr/share/keyrings/k6-archive-keyring.gpg] https://dl.k6.io/deb stable main" | sudo tee /etc/apt/sources.list.d/k6.list\n' +
    '                  sudo apt-get update && sudo apt-get install k6\n' +
    '  macOS:          brew install k6\n' +
    '  Windows:        winget install k6 --source winget   (or: choco install k6)\n' +
    "A lab does not need load: every lab's `check` places its own orders (pnpm lab workshop check <lab>).\n"
  );
}

async function main(argv) {
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

  const gatewayUrl = (process.env.GATEWAY_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
  const jaegerUrl = (process.env.JAEGER_URL ?? 'http://localhost:16686').replace(/\/+$/, '');
  const health = `${gatewayUrl}/healthz`;
  const summary = summaryTarget();

  const k6 = process.env.LOAD_RUNNER === 'docker' ? null : localK6();
  if (k6 !== null) {
    if (k6.version !== null && olderThan(k6.version, K6_TYPESCRIPT)) {
      process.stderr.write(
        `load: the k6 on PATH is too old for these TypeScript scenarios ("${k6.line}"): k6 runs .ts files as they are from v${K6_TYPESCRIPT.join('.')}.\n` +
          'Upgrade it (https://grafana.com/docs/k6/latest/set-up/install-k6/: apt-get install k6, brew upgrade k6, winget upgrade k6),\n' +
          'or run the compose k6 container instead: LOAD_RUNNER=docker pnpm load ' + scenario + '\n',
      );
      return 2;
    }
    if (!(await answers(health))) {
      process.stderr.write(`load: nothing answers at ${health}: start the stack (docker compose up -d, or pnpm start:local), or set GATEWAY_URL\n`);
      return 1;
    }
    const env = { ...process.env, GATEWAY_URL: gatewayUrl, JAEGER_URL: jaegerUrl, ...(summary ? { SUMMARY_JSON: summary.host } : {}) };
    return run('k6', ['run', ...extra, relative(repoRoot, script)], env);
  }

  const engine = dockerEngine();
  const compose = composeFacts(repoRoot);
  const summaryArgs = summary ? [...summary.mount, '-e', `SUMMARY_JSON=${summary.container}`] : [];
  mkdirSync(outDir, { recursive: true });
  if (engine !== null && composeGatewayRunning(compose.project)) {
    // The compose stack: its own k6 service, on its network (depends_on finds everything running).
    return run(
      'docker',
      ['compose', '--profile', 'load', 'run', '--rm', ...asThisUser(engine), ...forwardedVariables(), ...summaryArgs, 'k6', 'run', ...extra, `/load/${scenario}.ts`],
      process.env,
    );
  }

  if (!(await answers(health))) {
    const composeTried = engine === null ? 'Docker is not running, so no compose stack' : `no running gateway container of the compose project "${compose.project}"`;
    process.stderr.write(
      `load: no stack is running: nothing answers at ${health}, and ${composeTried}.\n` +
        'Start one: docker compose up -d (the whole stack), or pnpm start:local (no Docker); or set GATEWAY_URL to where the gateway answers.\n',
    );
    return 1;
  }
  // The local stack. A k6 of its own, never a second stack.
  if (engine === null) {
    process.stderr.write(installK6(gatewayUrl, 'Docker is not running either'));
    return 127;
  }
  // K6_IMAGE: a k6 image of your own (one with extensions, or a mirror's copy).
  const image = process.env.K6_IMAGE || compose.k6Image;
  const missing = image === null ? 'docker-compose.yml names no k6 image' : ensureImage(image);
  if (missing !== null) {
    process.stderr.write(installK6(gatewayUrl, `no ${image ?? 'k6'} image: ${missing}`));
    return 127;
  }
  // Linux: the host's network, where the local stack listens on 127.0.0.1. Docker Desktop runs
  // containers in a VM: host.docker.internal is the host there.
  const fromContainer = (url) => (engine.desktop ? url.replace(/\/\/(localhost|127\.0\.0\.1)([:/]|$)/, '//host.docker.internal$2') : url);
  const network = engine.desktop ? ['--add-host', 'host.docker.internal:host-gateway'] : ['--network', 'host'];
  return run(
    'docker',
    [
      'run', '--rm', ...(process.stdout.isTTY ? ['-t'] : []), ...network, ...asThisUser(engine),
      ...(compose.k6Memory ? ['--memory', compose.k6Memory] : []),
      '-v', `${loadDir}:/load:ro`, '-v', `${outDir}:/out`,
      '-e', 'K6_NO_USAGE_REPORT=true', '-e', `ADMIN_TOKEN=${process.env.ADMIN_TOKEN ?? 'workshop'}`,
      '-e', `GATEWAY_URL=${fromContainer(gatewayUrl)}`, '-e', `JAEGER_URL=${jaegerUrl}`,
      '-e', `JAEGER_API_URL=${fromContainer(process.env.JAEGER_API_URL ?? jaegerUrl)}`,
      ...forwardedVariables(new Set([...SET_FOR_CONTAINER, 'ADMIN_TOKEN', 'JAEGER_URL'])),
      ...summaryArgs,
      image, 'run', ...extra, `/load/${scenario}.ts`,
    ],
    process.env,
  );
}

process.exitCode = await main(process.argv.slice(2));
