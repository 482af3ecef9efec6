// The ways the services run: tracing off, the lean bootstrap (the default) without and with its
// log records exported (logs), the auto-instrumentations bootstrap (TRACELAB_TELEMETRY=auto), and two steps between off and lean
// that split what tracing costs: every instrumentation and propagator at work but no span
// recorded (unsampled), and spans recorded but not exported (unexported).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Log records are exported by default since issue 18; every mode but `logs` turns them off, so its
// figures stay comparable with the runs before. The bench runs the services at LOG_LEVEL=warn
// (bench/lib/stack.mjs: no line per order); `stdout` and `logs` run them at info, the level compose
// runs them at, where every service writes a line per order: `stdout` - lean is writing those lines,
// `logs` - `stdout` is exporting them over OTLP.
const NO_LOGS = { OTEL_LOGS_EXPORTER: 'none' };
const INFO = { LOG_LEVEL: 'info' };

export const MODE_ENV = {
  untraced: { OTEL_SDK_DISABLED: 'true' },
  unsampled: { OTEL_TRACES_SAMPLER: 'always_off', ...NO_LOGS },
  unexported: { OTEL_TRACES_EXPORTER: 'none', ...NO_LOGS },
  lean: NO_LOGS,
  stdout: { ...NO_LOGS, ...INFO },
  logs: INFO,
  auto: { TRACELAB_TELEMETRY: 'auto', ...NO_LOGS },
};

/** Every mode, in the order a run takes them. */
export const MODES = Object.keys(MODE_ENV);

/** What a run takes without BENCH_PHASES: the two steps are measured only when asked for. */
export const DEFAULT_MODES = ['untraced', 'lean', 'stdout', 'logs', 'auto'];

/** The modes whose spans reach the receiver: the ones with spans per order and spans dropped. */
export const EXPORTING_MODES = ['lean', 'stdout', 'logs', 'auto'];

/** The modes whose log records reach the receiver: the ones with log records per order and dropped. */
export const LOG_MODES = ['logs'];

/** Whether the telemetry package built at `root` reads TRACELAB_TELEMETRY at all. */
function knowsTelemetrySwitch(root) {
  const dist = join(root, 'packages/telemetry/dist');
  try {
    return readdirSync(dist).some((file) => file.endsWith('.js') && readFileSync(join(dist, file), 'utf8').includes('TRACELAB_TELEMETRY'));
  } catch {
    return false;
  }
}

/** The mode's label in the results: an `auto` run on a build without the switch ran the lean bootstrap. */
export function modeLabel(mode, root) {
  if (mode === 'auto' && !knowsTelemetrySwitch(root)) return 'auto (not in this build: ran lean)';
  return mode;
}
