/**
 * The share of ordinary traces the-bill-or-the-bug asks for, and how many kept traces out of n
 * the check accepts. A correct setup keeps each ordinary trace independently with a probability p
 * in the band (the tail sampler's probabilistic policy hashes the random trace id), so the number
 * kept is Binomial(n, p). The accepted range is as narrow as it can be while a correct setup falls
 * outside it with a probability below FALSE_ALARM, for every p in the band:
 *   min = the largest k with P(K < k | n, low) <= FALSE_ALARM / 2
 *   max = the smallest k with P(K > k | n, high) <= FALSE_ALARM / 2
 * P(K < k) only falls and P(K > k) only grows as p grows, so the two tails at the band's edges
 * bound both tails at any p inside it, and their sum stays below FALSE_ALARM.
 */
export const SAMPLING_BAND = { low: 0.02, high: 0.05 } as const;
export const FALSE_ALARM = 1e-4;

/**
 * Ordinary orders the check places. 200 would not do: a setup keeping 2 % keeps none of 200 with
 * probability 0.98^200 = 1.8 %, so "nothing kept" (0 %) could not be failed at 1e-4. From 491 on,
 * 0.98^n < 5e-5 and the range starts at 1. 600 leaves room for ordinary orders that a busy machine
 * makes slower than 1 s: the latency policy keeps those whatever the share, so the check leaves
 * them out of the count, and up to 109 of them can go before 0 % could pass.
 */
export const ORDINARY_ORDERS = 600;
/** Below this many ordinary traces the range would include 0: the check cannot judge the share. */
export const MIN_JUDGED = 491;

/** P(K = k) for k = 0..n, K ~ Binomial(n, p), by the ratio of successive terms. */
export function binomialPmf(n: number, p: number): number[] {
  if (p <= 0 || p >= 1) return Array.from({ length: n + 1 }, (_, k) => (k === (p <= 0 ? 0 : n) ? 1 : 0));
  const pmf = [Math.pow(1 - p, n)];
  for (let k = 0; k < n; k++) pmf.push((pmf[k]! * (n - k) * p) / ((k + 1) * (1 - p)));
  return pmf;
}

export interface AcceptedRange {
  min: number;
  max: number;
}

/** The kept counts (of n ordinary traces) that pass: see the comment at the top. */
export function acceptedRange(n: number, band: { low: number; high: number } = SAMPLING_BAND, falseAlarm = FALSE_ALARM): AcceptedRange {
  const tail = falseAlarm / 2;
  const low = binomialPmf(n, band.low);
  let min = 0;
  let below = 0; // P(K < min + 1) at the band's low edge
  while (min < n && below + low[min]! <= tail) below += low[min++]!;
  const high = binomialPmf(n, band.high);
  let max = n;
  let above = 0; // P(K > max - 1) at the band's high edge
  while (max > 0 && above + high[max]! <= tail) above += high[max--]!;
  return { min, max };
}

/** The probability that Binomial(n, p) lands outside the range: what a setup keeping p fails with. */
export function failureProbability(n: number, p: number, range: AcceptedRange): number {
  const pmf = binomialPmf(n, p);
  return pmf.reduce((sum, value, k) => (k < range.min || k > range.max ? sum + value : sum), 0);
}
