import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `ENV NAME=value` lines of the Dockerfile's runtime stage: what every service process gets. */
export function imageRuntimeEnv(root: string): Record<string, string> {
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^FROM\s+\S+\s+AS\s+runtime\b/i.test(line));
  if (start < 0) throw new Error(`${join(root, 'Dockerfile')} has no "FROM … AS runtime" stage`);
  const env: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^FROM\s/i.test(line)) break;
    const match = /^ENV\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)\s*$/.exec(line);
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

const LIBRARY_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib'];

/** This machine's copy of the library the image preloads (Debian's libjemalloc2 there too). */
export function hostPreloadPath(imagePath: string): string {
  const file = imagePath.split('/').at(-1)!;
  const found = LIBRARY_DIRS.map((dir) => join(dir, file)).find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${file} is not installed on this machine: the service image preloads it (Debian/Ubuntu: apt-get install libjemalloc2)`);
  return found;
}

/**
 * The image's allocator settings with its LD_PRELOAD pointed at this machine's copy of the library,
 * so processes started here allocate memory as the containers do.
 */
export function imageAllocatorEnv(root: string): { LD_PRELOAD: string; MALLOC_CONF: string } {
  const { LD_PRELOAD: preload, MALLOC_CONF: conf } = imageRuntimeEnv(root);
  if (!preload || !conf) throw new Error(`${join(root, 'Dockerfile')}: the runtime stage sets no LD_PRELOAD or MALLOC_CONF`);
  return { LD_PRELOAD: hostPreloadPath(preload), MALLOC_CONF: conf };
}
