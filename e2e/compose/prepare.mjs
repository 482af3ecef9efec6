#!/usr/bin/env node
// The compose tier's preparation (its global setup runs it; `node e2e/compose/prepare.mjs` alone
// too): a Docker engine that answers, the compose and buildx plugins, the stand-in images. Each
// step prints what it did and how long it took; a step that fails prints one line naming it and
// the cause, and the preparation stops there (exit 1 from the command line).
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { buildBase, standinSteps } from './support/standins.mjs';

function check(command, args, hint) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error(`${hint} (${(result.stderr || result.error?.message || '').trim().split('\n').pop()})`);
  return result.stdout.trim();
}

const STEPS = [
  ['engine', () => `server ${check('docker', ['version', '--format', '{{.Server.Version}}'], 'no Docker engine answers: run `bash scripts/docker-engine.sh` (root)')}`],
  ['compose plugin', () => `compose ${check('docker', ['compose', 'version', '--short'], 'the compose plugin is missing: `pnpm tools:build docker-compose` then `bash scripts/docker-engine.sh`')}`],
  ['buildx plugin', () => check('docker', ['buildx', 'version'], 'the buildx plugin is missing: `pnpm tools:build docker-buildx` then `bash scripts/docker-engine.sh`')],
  ['base image', buildBase],
];

/** Runs every step; returns the time each took, throws with one line naming the failed step. */
export function prepare(log = (line) => console.log(line)) {
  const times = {};
  for (const [name, run] of STEPS) times[name] = step(name, run, log);
  let list;
  try {
    list = standinSteps();
  } catch (error) {
    throw new Error(`compose-prepare: FAILED stand-ins: ${error.message}`);
  }
  for (const [name, run] of list) times[name] = step(name, run, log);
  return times;
}

function step(name, run, log) {
  const started = Date.now();
  let what;
  try {
    what = run();
  } catch (error) {
    throw new Error(`compose-prepare: FAILED ${name}: ${error.message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const seconds = (Date.now() - started) / 1000;
  log(`compose-prepare: ${name}: ${what} (${seconds.toFixed(1)} s)`);
  return seconds;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    prepare();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
