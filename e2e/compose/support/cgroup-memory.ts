import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * A container's memory as its cgroup counts it (v1 or v2), in bytes:
 *   usage       what the limit is enforced on: process memory plus page cache and shared memory
 *   workingSet  usage minus inactive file pages, which the kernel drops before it would OOM-kill
 *               (docker stats and the kubelet show this figure)
 *   anon        memory only swap could free (no swap here): anonymous pages and shared memory
 *               (Postgres's shared_buffers), the part a container is OOM-killed for
 *   peak        the kernel's high-water mark of usage since the container started
 */
export interface CgroupMemory {
  usage: number;
  workingSet: number;
  anon: number;
  peak: number;
  limit: number;
}

/** The memory cgroup folder of a running container (through its first process). */
export function cgroupOf(containerId: string): string {
  const pid = spawnSync('docker', ['inspect', '-f', '{{.State.Pid}}', containerId], { encoding: 'utf8' }).stdout.trim();
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n');
  const v1 = lines.find((line) => /^\d+:([^:]*,)?memory(,[^:]*)?:/.test(line));
  if (v1) return `/sys/fs/cgroup/memory${v1.split(':')[2]}`;
  const v2 = lines.find((line) => line.startsWith('0::'));
  if (!v2) throw new Error(`no memory cgroup for container ${containerId} (pid ${pid})`);
  return `/sys/fs/cgroup${v2.slice(3)}`;
}

const read = (file: string) => readFileSync(file, 'utf8').trim();
const stat = (dir: string) => Object.fromEntries(read(`${dir}/memory.stat`).split('\n').map((line) => [line.split(' ')[0], Number(line.split(' ')[1])]));

export function memoryOf(dir: string): CgroupMemory {
  if (dir.startsWith('/sys/fs/cgroup/memory/')) {
    const usage = Number(read(`${dir}/memory.usage_in_bytes`));
    const s = stat(dir);
    return {
      usage,
      workingSet: usage - (s.total_inactive_file ?? 0),
      anon: (s.total_rss ?? 0) + (s.total_shmem ?? 0),
      peak: Number(read(`${dir}/memory.max_usage_in_bytes`)),
      limit: Number(read(`${dir}/memory.limit_in_bytes`)),
    };
  }
  const usage = Number(read(`${dir}/memory.current`));
  let peak = usage;
  try {
    peak = Number(read(`${dir}/memory.peak`));
  } catch {
    // memory.peak needs Linux 5.19; the sampled maximum of usage stands in for it.
  }
  const s = stat(dir);
  return { usage, workingSet: usage - (s.inactive_file ?? 0), anon: (s.anon ?? 0) + (s.shmem ?? 0), peak, limit: Number(read(`${dir}/memory.max`)) };
}
