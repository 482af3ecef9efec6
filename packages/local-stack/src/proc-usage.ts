import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What the benchmark reads from /proc/<pid>/stat: CPU in clock ticks, and who the process is. */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks (`getconf CLK_TCK`). */
  cpuTicks: number;
  /** Ticks after boot the process started at: tells a reused pid from the process seen before. */
  startTime: number;
}

/** Parses /proc/<pid>/stat. The name field may hold spaces and parentheses, so fields are counted after its last ')'. */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error('not a /proc/<pid>/stat line');
  const pid = Number(text.slice(0, text.indexOf('(')).trim());
  // Fields after the name, numbered from 3 (state) as in proc(5): ppid 4, utime 14, stime 15, starttime 22.
  const field = (n: number) => Number(text.slice(close + 2).split(' ')[n - 3]);
  return { pid, ppid: field(4), cpuTicks: field(14) + field(15), startTime: field(22) };
}

/** The process's stat, or undefined once it is gone. */
export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** RSS, PSS and private (clean + dirty) memory, in KiB. */
export interface MemoryKib {
  rss: number;
  pss: number;
  private: number;
}

export function parseSmapsRollup(text: string): MemoryKib {
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { rss: kb('Rss'), pss: kb('Pss'), private: kb('Private_Clean') + kb('Private_Dirty') };
}

/** The process's memory from /proc/<pid>/smaps_rollup (zeros once it is gone). */
export function readMemory(pid: number): MemoryKib {
  try {
    return parseSmapsRollup(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  } catch {
    return { rss: 0, pss: 0, private: 0 };
  }
}

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`: the unit of utime and stime (100 on Linux). */
export function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return ticksPerSecond;
}

/** One process seen in one sample, with the group its CPU is counted in (a service, "rabbitmq", ...). */
export interface CpuObservation {
  group: string;
  pid: number;
  startTime: number;
  cpuTicks: number;
}

/**
 * CPU of groups of processes over a window, from samples of /proc/<pid>/stat. A process seen at
 * the start counts from its ticks then; one that appears later (a new Postgres backend) counts
 * from zero, since it started inside the window; one that exits counts up to its last sample.
 */
export class CpuLedger {
  private readonly first = new Map<string, number>();
  private readonly last = new Map<string, CpuObservation>();

  constructor(start: CpuObservation[]) {
    for (const observation of start) {
      this.first.set(CpuLedger.key(observation), observation.cpuTicks);
      this.last.set(CpuLedger.key(observation), observation);
    }
  }

  private static key(observation: CpuObservation): string {
    return `${observation.pid}@${observation.startTime}`;
  }

  observe(observations: CpuObservation[]): void {
    for (const observation of observations) this.last.set(CpuLedger.key(observation), observation);
  }

  /** Clock ticks used in the window, per group. */
  ticksByGroup(): Record<string, number> {
    const ticks: Record<string, number> = {};
    for (const [key, observation] of this.last) {
      ticks[observation.group] = (ticks[observation.group] ?? 0) + observation.cpuTicks - (this.first.get(key) ?? 0);
    }
    return ticks;
  }

  /** Processes seen per group (Postgres backends come and go). */
  processesByGroup(): Record<string, number> {
    const count: Record<string, number> = {};
    for (const observation of this.last.values()) count[observation.group] = (count[observation.group] ?? 0) + 1;
    return count;
  }
}
