// The knobs of `pnpm bench`, read once from the environment (docs/benchmark.md lists them).
import { DEFAULT_MODES, MODES } from './modes.mjs';
import { allocatorEnv, benchAllocator, CONTAINER_NODE_OPTIONS } from './service-env.mjs';

function positive(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

function modes() {
  const text = process.env.BENCH_PHASES;
  if (!text) return DEFAULT_MODES;
  const asked = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = asked.filter((mode) => !MODES.includes(mode));
  if (unknown.length > 0 || asked.length === 0) throw new Error(`BENCH_PHASES takes a comma-separated subset of ${MODES.join(',')}; got "${text}"`);
  return MODES.filter((mode) => asked.includes(mode));
}

export function readConfig() {
  const allocator = benchAllocator();
  return {
    modes: modes(),
    repeat: Math.round(positive('BENCH_REPEAT', 1)),
    pacedRate: positive('BENCH_PACED_RATE', 20),
    pacedSeconds: positive('BENCH_PACED_SECONDS', 30),
    warmupSeconds: positive('BENCH_WARMUP_SECONDS', 10),
    idleSeconds: positive('BENCH_IDLE_SECONDS', 10),
    // after /healthz answers, before the idle window: startup work (the fraud seed, JIT) settles
    settleSeconds: positive('BENCH_SETTLE_SECONDS', 5),
    maxSeconds: positive('BENCH_MAX_SECONDS', 15),
    connections: Math.round(positive('BENCH_CONNECTIONS', 32)),
    baseline: process.env.BENCH_BASELINE || undefined,
    portOffset: 200, // gateway on 8280, beside a dev stack and the e2e stack
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tracelab_bench',
    vhost: 'tracelab_bench',
    // As the containers run them, so memory figures mean the same thing.
    nodeOptions: process.env.BENCH_NODE_OPTIONS ?? CONTAINER_NODE_OPTIONS,
    allocator,
    allocatorEnv: allocatorEnv(allocator),
  };
}
