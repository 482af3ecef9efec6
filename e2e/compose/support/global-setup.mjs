// Prepares the engine, plugins and stand-ins, then builds the six images from the root Dockerfile
// and starts the whole default profile: `docker compose up -d --build --wait`, in two timed steps.
// A stack that does not become healthy prints every container's state and last 50 log lines,
// is removed, and fails the tier.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepare } from '../prepare.mjs';
import { overrideYaml } from './standins.mjs';
import { compose, COMPOSE_ENV, composeArgs, describeContainers, down, HOST, PROJECT } from './stack.mjs';

const seconds = (started) => ((Date.now() - started) / 1000).toFixed(1);

export default async function globalSetup() {
  console.log('');
  prepare();
  const dir = mkdtempSync(join(tmpdir(), 'tracelab-compose-'));
  const override = join(dir, 'standins.override.yml');
  writeFileSync(override, overrideYaml(PROJECT));
  process.env.TRACELAB_COMPOSE_OVERRIDE = override;
  process.env.TRACELAB_COMPOSE_ARGS = JSON.stringify(composeArgs(override));
  process.env.TRACELAB_COMPOSE_ENV = JSON.stringify(COMPOSE_ENV);
  // Read by `pnpm lab` (JAEGER_URL) and by the pipeline tier's Jaeger helpers the tests share.
  process.env.JAEGER_URL = `http://${HOST}:16686`;
  process.env.TRACELAB_JAEGER_URL = process.env.JAEGER_URL;
  process.env.TRACELAB_PROMETHEUS_URL = `http://${HOST}:9090`;

  // What an earlier run of this project left behind (a killed run cannot clean up after itself).
  down(override);
  let started = Date.now();
  const build = compose(['build'], override);
  if (build.status !== 0) {
    const output = `${build.stdout}${build.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`compose-prepare: FAILED image build: docker compose build exited ${build.status}; its last lines:\n${output}`);
  }
  console.log(`compose-prepare: image build: six images from the root Dockerfile (${seconds(started)} s)`);
  started = Date.now();
  const up = compose(['up', '--detach', '--wait', '--wait-timeout', '600'], override);
  if (up.status !== 0) {
    const states = describeContainers(override);
    down(override);
    throw new Error(`compose-prepare: FAILED up: the stack did not become healthy: ${up.stderr.trim().split('\n').slice(-5).join(' | ')}\n${states}`);
  }
  const upSeconds = seconds(started);
  process.env.TRACELAB_COMPOSE_UP_SECONDS = upSeconds;
  console.log(`compose-prepare: up: every container healthy ${upSeconds} s after \`up\``);
}
