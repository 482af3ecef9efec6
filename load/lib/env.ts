/**
 * The scenarios' tuning variables (__ENV), read once in k6's init stage. A value that cannot be
 * used stops the script there, before any request, with one line naming the variable: k6 refuses
 * options it cannot read (a rate of 2.5 is not an integer, a duration of "2 minutes" is not a
 * duration) with a message about its own types instead, and a silently ignored typo would run a
 * different test than the one asked for.
 *
 * Runs inside k6 (not Node): no imports.
 */

/** Stops the script: k6 reports an exception thrown in init and exits before the test starts. */
function refuse(name: string, raw: string, why: string): never {
  throw new Error(`${name}=${JSON.stringify(raw)} ${why}`);
}

function raw(name: string): string | undefined {
  const value = __ENV[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A string from the environment, or `fallback` when unset. */
export function envString(name: string, fallback: string): string {
  return raw(name) ?? fallback;
}

export interface NumberRule {
  /** Smallest value allowed (default 0: every variable here is a count, a time or a share). */
  min?: number;
  /** The value must be more than this. */
  above?: number;
  max?: number;
  /** What the variable is, for the error line. */
  unit?: string;
}

/** A number from the environment, or `fallback` when unset; stops the script when it is not usable. */
export function envNumber(name: string, fallback: number, rule: NumberRule = {}): number {
  const text = raw(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  const unit = rule.unit ? ` (${rule.unit})` : '';
  if (!Number.isFinite(value)) refuse(name, text, `is not a number${unit}`);
  if (rule.above !== undefined && !(value > rule.above)) refuse(name, text, `must be more than ${rule.above}${unit}`);
  const min = rule.min ?? 0;
  if (value < min) refuse(name, text, `must be at least ${min}${unit}`);
  if (rule.max !== undefined && value > rule.max) refuse(name, text, `must be at most ${rule.max}${unit}`);
  return value;
}

/** A whole number (rounded, k6 counts in integers) of at least `min`. */
export function envCount(name: string, fallback: number, min = 1, max?: number): number {
  const value = Math.round(envNumber(name, fallback, max === undefined ? {} : { max }));
  if (value < min) refuse(name, raw(name) ?? String(fallback), `must be a whole number of at least ${min}`);
  return value;
}

/** Milliseconds for a threshold: from 1 ms to an hour, so that it prints as a plain decimal. */
export function envMs(name: string, fallback: number): number {
  return envNumber(name, fallback, { min: 1, max: 3_600_000, unit: 'milliseconds' });
}

const UNIT_SECONDS: { [unit: string]: number } = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const GO_DURATION = /^((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;
const GO_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;

/**
 * Seconds in a k6 duration ("90s", "1m30s", "1.5h", "2d3h"; a bare number is milliseconds), or
 * null when k6 would not read it.
 */
export function durationSeconds(text: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) / 1000;
  const days = /^(\d+)d(.*)$/.exec(text);
  if (days === null) return goDuration(text);
  const rest = days[2] === '' ? 0 : goDuration(days[2]!);
  return rest === null ? null : Number(days[1]) * 86400 + rest;
}

/** Seconds in a Go duration ("1h30m", "1.5s", "250ms"), or null. */
function goDuration(text: string): number | null {
  if (!GO_DURATION.test(text)) return null;
  let total = 0;
  for (const match of text.matchAll(GO_PART)) total += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  return total;
}

/** A k6 duration of at least 1 s (k6's minimum for a scenario), as given. */
export function envDuration(name: string, fallback: string): string {
  const text = raw(name);
  if (text === undefined) return fallback;
  const seconds = durationSeconds(text.trim());
  if (seconds === null) refuse(name, text, 'is not a duration (e.g. 90s, 5m, 1h30m)');
  if (seconds < 1) refuse(name, text, 'must be at least 1s');
  return text.trim();
}
