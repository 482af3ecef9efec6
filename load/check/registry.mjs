// What the k6 stubs record while one scenario module is evaluated (one at a time, synchronously).
// `vu`, when a test sets it, makes the stubs act as a VU's code instead of refusing: its
// respond(method, url, body) answers the HTTP calls.
export const run = { metrics: new Map(), vu: null };

export function resetRun() {
  run.metrics = new Map();
  run.vu = null;
}

// k6's documented metric names: up to 128 ASCII letters, digits or underscores, not starting with a digit.
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function registerMetric(name, type, isTime) {
  if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
    throw new Error(`invalid metric name ${JSON.stringify(name)}: up to 128 ASCII letters, digits and underscores, not starting with a digit`);
  }
  const known = run.metrics.get(name);
  if (known && known.type !== type) throw new Error(`metric "${name}" already exists as a ${known.type}, not a ${type}`);
  run.metrics.set(name, { type, isTime: Boolean(isTime) });
}

/** A k6 function the init stage must not call (k6 refuses it there); `inVu` is what it does for a test's VU. */
export function initOnly(name, inVu = () => undefined) {
  return (...args) => {
    if (run.vu !== null) return inVu(...args);
    throw new Error(`${name}() was called in the init stage (k6 only allows it in setup, the VU code and teardown)`);
  };
}
