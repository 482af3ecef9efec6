// How fast the host runs JavaScript right now. On a shared virtual machine the same code took 15.7
// and 22.6 ms of CPU per order an hour apart with no steal to show for it (docs/benchmark.md), so
// every mode records this beside its figures: runs compare only when their probes are close.
import { orderBody } from './orders.mjs';
import { median } from './stats.mjs';

const ROUNDS = 5;
const ROUND_TRIPS = 20000;

/** Median wall ms of 5 rounds of 20,000 JSON round trips of an order body (the stack idle). */
export function hostProbeMs() {
  const times = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    const start = performance.now();
    for (let i = 0; i < ROUND_TRIPS; i++) sink += JSON.parse(orderBody(i)).items.length;
    if (round > 0) times.push(performance.now() - start); // the first round warms the JIT
  }
  if (sink === 0) throw new Error('the host probe computed nothing');
  return median(times);
}
