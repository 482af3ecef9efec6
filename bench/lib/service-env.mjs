// How the containers run each service, so both benches measure the same thing: compose's heap caps
// (docker-compose.yml NODE_OPTIONS) and the image's allocator (the Dockerfile's LD_PRELOAD and
// MALLOC_CONF, read from it, with the preload pointed at this machine's jemalloc).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { imageAllocatorEnv } = createRequire(import.meta.url)('../../packages/local-stack/dist/index.js');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const CONTAINER_NODE_OPTIONS = '--max-old-space-size=64 --max-semi-space-size=2';

const ALLOCATORS = ['jemalloc', 'glibc'];

/** BENCH_ALLOCATOR, read by both benches; the image's jemalloc when unset. */
export const benchAllocator = () => process.env.BENCH_ALLOCATOR || 'jemalloc';

/** `jemalloc`: the image's settings (throws, naming the package, when it is not installed); `glibc`: Node's default. */
export function allocatorEnv(allocator) {
  if (allocator === 'glibc') return {};
  if (allocator === 'jemalloc') return imageAllocatorEnv(ROOT);
  throw new Error(`allocator must be one of ${ALLOCATORS.join(', ')}, got "${allocator}"`);
}
