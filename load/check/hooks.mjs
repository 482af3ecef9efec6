// Module hooks of the offline check: `k6` and `k6/*` resolve to the stubs beside this file, and
// every local module a scenario imports carries the scenario's `?run=N`, so that each run
// evaluates the whole module graph afresh (its own __ENV, its own metrics).
import { registerHooks } from 'node:module';

const stubs = new URL('./k6/', import.meta.url);
const STUBS = { k6: 'index.mjs', 'k6/http': 'http.mjs', 'k6/metrics': 'metrics.mjs', 'k6/execution': 'execution.mjs' };

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'k6' || specifier.startsWith('k6/')) {
      const file = STUBS[specifier];
      if (file === undefined) throw new Error(`the offline check has no stand-in for "${specifier}"`);
      return { url: new URL(file, stubs).href, shortCircuit: true };
    }
    const resolved = nextResolve(specifier, context);
    if (!resolved.url.startsWith('file:') || !new URL(resolved.url).pathname.endsWith('.ts')) return resolved;
    // k6 reads every script as an ES module; say so, instead of Node guessing from package.json.
    const query = context.parentURL && !resolved.url.includes('?') ? new URL(context.parentURL).search : '';
    return { ...resolved, url: `${resolved.url}${query}`, format: 'module-typescript' };
  },
});
