// The three ways the services run: tracing off, the lean bootstrap (the default), and the
// auto-instrumentations bootstrap (TRACELAB_TELEMETRY=auto).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MODE_ENV = {
  untraced: { OTEL_SDK_DISABLED: 'true' },
  lean: {},
  auto: { TRACELAB_TELEMETRY: 'auto' },
};

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
