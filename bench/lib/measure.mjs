// CPU per group over a window (sampled every second, so Postgres backends that come and go are
// counted), and memory per group at one moment.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sleep } from './stats.mjs';

const require = createRequire(import.meta.url);
const { clockTicksPerSecond, CpuLedger, readMemory } = require('../../packages/local-stack/dist/index.js');

/** The machine's CPU ticks from /proc/stat: all of them, and those busy and stolen. */
function machineTicks() {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq;
  return { total: busy + idle + iowait + steal, busy, steal };
}

/**
 * Busy and stolen shares of the whole machine over a window, in %. On a virtual machine a
 * neighbour's load shows as steal: the host ran someone else while this guest had work. Figures
 * of a phase with a high steal share are not comparable with those of a quiet one.
 */
function machineShare(from, to) {
  const total = to.total - from.total || 1;
  return { busyPercent: (100 * (to.busy - from.busy)) / total, stealPercent: (100 * (to.steal - from.steal)) / total };
}

/** Runs `during` and answers its result with the CPU (ms) each group used meanwhile. */
export async function measureCpu(watch, during) {
  const machineFrom = machineTicks();
  const ledger = new CpuLedger(await watch.sample());
  const started = performance.now();
  let running = true;
  const sampling = (async () => {
    while (running) {
      await sleep(1000);
      if (running) ledger.observe(await watch.sample());
    }
  })();
  let result;
  try {
    result = await during();
  } finally {
    running = false;
    await sampling;
  }
  ledger.observe(await watch.sample());
  const msPerTick = 1000 / clockTicksPerSecond();
  const cpuMs = Object.fromEntries(Object.entries(ledger.ticksByGroup()).map(([group, ticks]) => [group, ticks * msPerTick]));
  return { result, seconds: (performance.now() - started) / 1000, cpuMs, processes: ledger.processesByGroup(), machine: machineShare(machineFrom, machineTicks()) };
}

/** RSS, PSS and private MiB per group, each group's processes summed. */
export async function measureMemory(watch) {
  const groups = {};
  for (const { group, pid } of await watch.sample()) {
    const memory = readMemory(pid);
    const total = (groups[group] ??= { rss: 0, pss: 0, private: 0 });
    for (const key of ['rss', 'pss', 'private']) total[key] += memory[key] / 1024;
  }
  return groups;
}
