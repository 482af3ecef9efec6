/**
 * k6 options built the way k6 reads them (its option types: docs/load.md, "How k6 reads the
 * options"): whole numbers where k6 holds integers, and Rate thresholds that cannot pass on no data.
 *
 * Runs inside k6 (not Node): only k6 modules are imported, and local imports name the `.ts` file.
 */
import { Counter, Rate } from 'k6/metrics';
import { envDuration } from './env.ts';

/** Rates are kept to a thousandth of an iteration per second. */
const PER = 1000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * k6's arrival-rate executors take whole numbers of iterations per `timeUnit`. Rates per second
 * such as 2.5 are expressed through a longer timeUnit (5 per 2s), one timeUnit for all of them
 * (a ramping scenario's startRate and stage targets share it). `rates` maps each variable's name
 * to its rate per second; a rate that rounds to nothing stops the script naming the variable.
 */
export function arrivalRates<K extends string>(rates: { [name in K]: number }): { timeUnit: string; rate: { [name in K]: number } } {
  const names = Object.keys(rates) as K[];
  const scaled = names.map((name) => {
    const perThousand = Math.round(rates[name] * PER);
    if (!(perThousand >= 1)) throw new Error(`${name}=${JSON.stringify(String(rates[name]))} must be at least ${1 / PER} (orders per second)`);
    return perThousand;
  });
  const divisor = scaled.reduce(gcd, PER);
  const rate = {} as { [name in K]: number };
  names.forEach((name, index) => {
    rate[name] = scaled[index]! / divisor;
  });
  return { timeUnit: `${PER / divisor}s`, rate };
}

/**
 * A constant-arrival-rate scenario of `perSecond` orders/s for DURATION (default `duration`), with
 * VUs sized as multiples of the rate (a slow order holds its VU, so slower symptoms need more).
 */
export function constantRate(
  perSecond: number,
  vus: { pre: [number, number]; max: [number, number] },
  duration = envDuration('DURATION', '1m'),
) {
  const { timeUnit, rate } = arrivalRates({ RATE: perSecond });
  return {
    executor: 'constant-arrival-rate' as const,
    rate: rate.RATE,
    timeUnit,
    duration,
    preAllocatedVUs: Math.max(vus.pre[0], Math.ceil(perSecond * vus.pre[1])),
    maxVUs: Math.max(vus.max[0], Math.ceil(perSecond * vus.max[1])),
  };
}

/**
 * A Rate whose every sample is also counted in the Counter `<name>_samples`. k6 passes a
 * threshold on a Rate that never got a sample (it has no value to compare), so `rate>0.5` would
 * report a symptom that was never measured; the counter's `count>0` (rateThresholds) fails such
 * a run instead.
 */
export class SampledRate {
  readonly name: string;
  private readonly rate: Rate;
  private readonly samples: Counter;

  constructor(name: string) {
    this.name = name;
    this.rate = new Rate(name);
    this.samples = new Counter(`${name}_samples`);
  }

  add(value: boolean | number, tags?: { [name: string]: string }): void {
    this.rate.add(value, tags);
    this.samples.add(1, tags);
  }
}

/**
 * k6's built-in Rates and the built-in Counter that gets a sample with each of theirs: every
 * HTTP request is one http_reqs and one http_req_failed sample; every iteration of these
 * scenarios runs checks.
 */
const BUILT_IN_GUARDS: { [rate: string]: string } = { http_req_failed: 'http_reqs', checks: 'iterations' };

/**
 * `expressions` on a Rate (`metric` may carry a `{tag:value}` selector) and, beside them, the
 * no-data guard: `count>0` on the counter of its samples, with the same selector.
 */
export function rateThresholds(metric: string, ...expressions: string[]): { [metric: string]: string[] } {
  const brace = metric.indexOf('{');
  const name = brace < 0 ? metric : metric.slice(0, brace);
  const selector = brace < 0 ? '' : metric.slice(brace);
  const guard = BUILT_IN_GUARDS[name] ?? `${name}_samples`;
  return { [metric]: expressions, [`${guard}${selector}`]: ['count>0'] };
}
