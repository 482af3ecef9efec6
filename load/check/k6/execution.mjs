// k6/execution for the offline check: its properties are only readable inside an iteration.
import { initOnly } from '../registry.mjs';

const outside = initOnly('k6/execution');
const lazy = new Proxy({}, { get: (_target, property) => (property === 'then' ? undefined : outside()) });
export default { scenario: lazy, vu: lazy, instance: lazy, test: lazy };
