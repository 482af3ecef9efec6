// k6 for the offline check: the init stage only defines these; calling one there is an error in k6.
import { initOnly } from '../registry.mjs';

export const check = initOnly('check', () => true);
export const fail = initOnly('fail', (message) => {
  throw new Error(message);
});
export const sleep = initOnly('sleep');
export const group = initOnly('group');
export const randomSeed = () => {};
export default { check, fail, sleep, group, randomSeed };
