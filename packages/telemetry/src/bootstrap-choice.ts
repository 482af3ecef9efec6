/**
 * Which SDK set-up `--require @tracelab/telemetry/register` starts, from TRACELAB_TELEMETRY:
 * `lean` (the default) wires seven instrumentations by hand; `auto` is the NodeSDK with
 * auto-instrumentations-node, the set-up users copy into their own services.
 */
export type Bootstrap = 'lean' | 'auto';

const BOOTSTRAPS: readonly Bootstrap[] = ['lean', 'auto'];

/** Unset or empty means lean; any other value than lean or auto stops the process at start-up. */
export function chosenBootstrap(value = process.env.TRACELAB_TELEMETRY): Bootstrap {
  const name = (value ?? '').trim().toLowerCase();
  if (name === '') return 'lean';
  if ((BOOTSTRAPS as readonly string[]).includes(name)) return name as Bootstrap;
  throw new Error(`TRACELAB_TELEMETRY: unknown bootstrap "${value}" (use lean or auto)`);
}
