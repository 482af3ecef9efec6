import { findTool } from '@tracelab/local-stack';

/**
 * A tool built by `pnpm tools:build` into .tools/bin (never a same-named program on PATH: the pins
 * must hold); its absence fails the test that needs it, never skips it.
 */
export function requireTool(name: string): string {
  const path = findTool(name, undefined, { pinnedOnly: true });
  if (!path) throw new Error(`${name} is not built: run \`pnpm tools:build\` (it goes to .tools/bin/${name})`);
  return path;
}
