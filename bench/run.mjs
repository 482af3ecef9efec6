#!/usr/bin/env node
// `pnpm bench`: CPU per order of every process of the stack at a paced rate, max throughput,
// latency, spans dropped and memory, untraced and traced (lean and auto bootstraps) in one run, and
// with BENCH_BASELINE=<git ref> the same against that ref checked out beside this one.
// Run it under the stack lock: `flock /tmp/tracelab-e2e.lock pnpm bench`. Knobs: docs/benchmark.md.
// Writes bench/results/<time>.json and .md. Not a test: it prints figures.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from './lib/config.mjs';
import { markdown } from './lib/report.mjs';
import { runMode } from './lib/run-mode.mjs';
import { goals, ratios, summarize } from './lib/summary.mjs';
import { baselineTarget, currentTarget } from './lib/targets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// `node bench/run.mjs --render <results>.json`: the report of a saved run, judged by today's rules.
if (process.argv[2] === '--render') {
  const saved = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  const summary = summarize(saved.runs);
  const ratioFigures = ratios(summary);
  process.stdout.write(markdown({ ...saved, summary, ratios: ratioFigures, goals: goals(summary, ratioFigures) }));
  process.exit(0);
}

const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const config = readConfig();
const targets = [currentTarget(root, config.databaseUrl)];
if (config.baseline) targets.push(baselineTarget(root, config.baseline, config.databaseUrl, log));

const date = new Date().toISOString();
const knobs = ['BENCH_PHASES', 'BENCH_REPEAT', 'BENCH_PACED_RATE', 'BENCH_PACED_SECONDS', 'BENCH_MAX_SECONDS', 'BENCH_BASELINE'].filter((k) => process.env[k]);
const command = `${knobs.map((k) => `${k}=${process.env[k]}`).join(' ')} pnpm bench`.trim();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load generator on the same machine`;

const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const stamp = date.replace(/[:.]/g, '-');
const runs = [];
// The targets run side by side, one mode at a time, and who goes first alternates from one pair
// to the next (modes reverse on every other repeat): a slow stretch of a shared machine, which
// can last minutes, then falls on both sides instead of on a whole block of one target's runs.
const inTurn = (list, turn) => (turn % 2 === 0 ? [...list].reverse() : list);
for (let repeat = 1; repeat <= config.repeat; repeat += 1) {
  for (const [index, mode] of inTurn(config.modes, repeat).entries()) {
    const pair = (repeat - 1) * config.modes.length + index + 1;
    for (const target of inTurn(targets, pair)) {
      log(`run ${repeat}/${config.repeat}: ${target.name} ${mode}`);
      runs.push({ repeat, ...(await runMode(target, mode, config, root, log)) });
      // every finished run is kept at once: a later failure does not lose it
      writeFileSync(join(dir, `${stamp}.json`), JSON.stringify({ date, machine, command, config, runs }, null, 2));
    }
  }
}

const summary = summarize(runs);
const ratioFigures = ratios(summary);
const goalFigures = goals(summary, ratioFigures);
const text = markdown({ date, machine, command, config, targets: targets.map(({ name, commit }) => ({ name, commit })), summary, ratios: ratioFigures, goals: goalFigures, runs });

writeFileSync(join(dir, `${stamp}.json`), JSON.stringify({ date, machine, command, config, targets: targets.map(({ name, commit, root: r, databaseUrl }) => ({ name, commit, root: r, databaseUrl })), runs, summary, ratios: ratioFigures, goals: goalFigures }, null, 2));
writeFileSync(join(dir, `${stamp}.md`), text);
console.log(`\n${text}\nwritten to bench/results/${stamp}.{json,md}`);
