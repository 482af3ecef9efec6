#!/usr/bin/env node
// `pnpm tools:build [name ...]`: builds the pipeline's tools from source into .tools/bin/ at the
// versions pinned in tools/pins.json. Idempotent: a tool whose inputs (pin, manifest, go.mod,
// go.sum, Go version) did not change since its last build is skipped. Go's module and build caches
// (GOMODCACHE, GOCACHE) make a rebuild after a pin change quick.
// A failed build prints one line naming the tool and the cause, then exits 1.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOLS } from './tools/catalogue.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, '.tools', 'bin');
const work = join(root, '.tools', 'build');
const pins = JSON.parse(readFileSync(join(root, 'tools', 'pins.json'), 'utf8'));

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !TOOLS.some((tool) => tool.name === name));
if (unknown.length > 0) {
  console.error(`tools:build: unknown tool ${unknown.join(', ')} (known: ${TOOLS.map((t) => t.name).join(', ')})`);
  process.exit(2);
}

const go = spawnSync('go', ['version'], { encoding: 'utf8' });
if (go.error || go.status !== 0) {
  console.error('tools:build: Go is not installed or not on PATH (need Go >= 1.26: https://go.dev/doc/install)');
  process.exit(1);
}
const goVersion = go.stdout.trim();
const [, major, minor] = /go(\d+)\.(\d+)/.exec(goVersion) ?? [];
if (!(Number(major) > 1 || (Number(major) === 1 && Number(minor) >= 26))) {
  console.error(`tools:build: Go 1.26 or newer is needed, found "${goVersion}" (https://go.dev/doc/install)`);
  process.exit(1);
}
mkdirSync(bin, { recursive: true });
mkdirSync(work, { recursive: true });

/** Runs a command for a tool; on failure throws with the output's last lines as the cause. */
function run(tool, command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n');
    const cause = output.filter((line) => line.trim()).slice(-12).join('\n    ');
    throw new Error(`${command} ${args.join(' ')} failed${result.error ? `: ${result.error.message}` : ''}\n    ${cause}`);
  }
  return result.stdout;
}

function fingerprint(tool) {
  // The recipe too: a changed build flag or tag must not leave an old binary marked current.
  const hash = createHash('sha256').update(goVersion).update(JSON.stringify(pins[tool.name] ?? {})).update(JSON.stringify(tool.recipe ?? {})).update(String(tool.build));
  for (const input of tool.inputs) hash.update(readFileSync(join(root, input)));
  return hash.digest('hex');
}

let failed = false;
for (const tool of TOOLS.filter((t) => wanted.length === 0 || wanted.includes(t.name))) {
  const output = join(bin, tool.name);
  const stamp = join(work, `${tool.name}.stamp`);
  const print = fingerprint(tool);
  if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === print) {
    console.log(`tools:build: ${tool.name} is up to date (${tool.describe(pins)})`);
    continue;
  }
  const started = Date.now();
  console.log(`tools:build: building ${tool.name} (${tool.describe(pins)}) ...`);
  try {
    tool.build({ root, pins, output, work: join(work, tool.name), run: (...args) => run(tool.name, ...args) });
    writeFileSync(stamp, print);
    console.log(`tools:build: built ${tool.name} in ${((Date.now() - started) / 1000).toFixed(0)} s -> .tools/bin/${tool.name}`);
  } catch (error) {
    failed = true;
    console.error(`tools:build: ${tool.name} FAILED after ${((Date.now() - started) / 1000).toFixed(0)} s: ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
