import { acceptedRange, binomialPmf, FALSE_ALARM, failureProbability, MIN_JUDGED, ORDINARY_ORDERS, SAMPLING_BAND } from './sampling-bound';

describe('the-bill-or-the-bug sampling bound', () => {
  const range = acceptedRange(ORDINARY_ORDERS);

  it('sums the binomial distribution to 1', () => {
    expect(binomialPmf(500, 0.05).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(binomialPmf(3, 0.5)).toEqual([0.125, 0.375, 0.375, 0.125]);
  });

  it(`accepts 1..53 of ${ORDINARY_ORDERS}: a setup anywhere in the 2-5 % band fails with a probability below 1e-4`, () => {
    expect(range).toEqual({ min: 1, max: 53 });
    for (let p = SAMPLING_BAND.low; p <= SAMPLING_BAND.high + 1e-9; p += 0.001) {
      expect(failureProbability(ORDINARY_ORDERS, p, range)).toBeLessThan(FALSE_ALARM);
    }
  });

  it('fails keeping everything or nothing, always', () => {
    expect(failureProbability(ORDINARY_ORDERS, 1, range)).toBe(1);
    expect(failureProbability(ORDINARY_ORDERS, 0, range)).toBe(1);
  });

  it('fails 20 % always, 10 % mostly, 0.1 % about half the time', () => {
    expect(failureProbability(ORDINARY_ORDERS, 0.2, range)).toBeGreaterThan(0.999999);
    expect(failureProbability(ORDINARY_ORDERS, 0.1, range)).toBeGreaterThan(0.8);
    expect(failureProbability(ORDINARY_ORDERS, 0.001, range)).toBeGreaterThan(0.5);
  });

  it(`could not fail "nothing kept" with only 200 orders; can from ${MIN_JUDGED} on`, () => {
    expect(acceptedRange(200).min).toBe(0);
    expect(acceptedRange(MIN_JUDGED - 1).min).toBe(0);
    expect(acceptedRange(MIN_JUDGED).min).toBe(1);
  });
});
