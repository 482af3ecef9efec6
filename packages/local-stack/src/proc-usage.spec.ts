import { spawn } from 'node:child_process';
import { CpuLedger, clockTicksPerSecond, parseProcStat, parseSmapsRollup, readMemory, readProcStat } from './proc-usage';

// A line of /proc/<pid>/stat whose name holds a space and a parenthesis, as a thread name may.
const STAT = '4242 (node (main) x) S 17 4242 17 0 -1 4194560 9000 0 12 0 321 45 0 0 20 0 11 0 987654 1183932416 34000 18446744073709551615';

describe('parseProcStat', () => {
  it('counts fields after the last parenthesis', () => {
    expect(parseProcStat(STAT)).toEqual({ pid: 4242, ppid: 17, cpuTicks: 321 + 45, startTime: 987654 });
  });

  it('reads this process from /proc', () => {
    const stat = readProcStat(process.pid)!;
    expect(stat.pid).toBe(process.pid);
    expect(stat.ppid).toBe(process.ppid);
    expect(stat.cpuTicks).toBeGreaterThan(0);
  });

  it('answers undefined for a process that is gone', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.once('exit', resolve));
    expect(readProcStat(child.pid!)).toBeUndefined();
  });
});

describe('parseSmapsRollup', () => {
  it('sums private clean and dirty pages', () => {
    const text = ['55d0c0000000-7ffd00000000 ---p 00000000 00:00 0    [rollup]', 'Rss:              130000 kB', 'Pss:               90000 kB', 'Private_Clean:      2000 kB', 'Private_Dirty:     70000 kB'].join('\n');
    expect(parseSmapsRollup(text)).toEqual({ rss: 130000, pss: 90000, private: 72000 });
  });

  it('reads this process, whose private memory is part of its RSS', () => {
    const memory = readMemory(process.pid);
    expect(memory.private).toBeGreaterThan(0);
    expect(memory.private).toBeLessThanOrEqual(memory.rss);
  });
});

describe('clockTicksPerSecond', () => {
  it('is getconf CLK_TCK', () => {
    expect(clockTicksPerSecond()).toBeGreaterThanOrEqual(100);
  });
});

describe('CpuLedger', () => {
  const seen = (group: string, pid: number, cpuTicks: number, startTime = 1) => ({ group, pid, startTime, cpuTicks });

  it('counts from the start for processes seen then, from zero for those started later, up to the last sample of those gone', () => {
    const ledger = new CpuLedger([seen('order', 10, 500), seen('postgres:order', 20, 80)]);
    ledger.observe([seen('order', 10, 540), seen('postgres:order', 20, 90), seen('postgres:order', 21, 3)]);
    // backend 20 has exited: its last sample stands
    ledger.observe([seen('order', 10, 560), seen('postgres:order', 21, 7)]);
    expect(ledger.ticksByGroup()).toEqual({ order: 60, 'postgres:order': 10 + 7 });
    expect(ledger.processesByGroup()).toEqual({ order: 1, 'postgres:order': 2 });
  });

  it('tells a reused pid from the process that had it', () => {
    const ledger = new CpuLedger([seen('postgres:payment', 30, 900, 1)]);
    ledger.observe([seen('postgres:payment', 30, 4, 2)]);
    expect(ledger.ticksByGroup()).toEqual({ 'postgres:payment': 4 });
  });
});
