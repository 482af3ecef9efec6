/**
 * The gateway's fault switches (services/gateway/src/admin), for the bottleneck scenarios:
 *
 *   GET  ${GATEWAY_URL}/admin/faults         -> 200 { "faults": [{ name, enabled, params, description, services, updatedAt }] }
 *   POST ${GATEWAY_URL}/admin/faults/<name>  { "enabled": true|false, "params"?: {...} } -> 200 the fault
 *   POST ${GATEWAY_URL}/admin/faults/reset   -> 200 { "faults": [...] }, every fault off
 *
 * Every call needs `authorization: Bearer ${ADMIN_TOKEN}` (compose's default: `workshop`);
 * without it, or with another token, the gateway answers 401. An unknown fault is 404, params that
 * the fault does not accept are 400 (validated per fault, packages/faults/src/catalogue.ts).
 * `params` replace the stored ones when sent and are kept when omitted; the switches live in
 * Postgres and every service polls them every 0.5 s.
 */
import { fail, sleep } from 'k6';
import http from 'k6/http';
import { GATEWAY_URL, prepare, settleTraces, type SetupData } from './checkout.ts';
import { envNumber, envString } from './env.ts';

const ADMIN_TOKEN = envString('ADMIN_TOKEN', 'workshop');
/** Time for every service to see a switch (they poll Postgres every 500 ms). */
const FAULT_SETTLE_SECONDS = envNumber('FAULT_SETTLE_SECONDS', 1.5, { max: 60, unit: 'seconds' });

/** A fault's params: numbers and strings (see the catalogue). */
export type FaultParams = { [name: string]: number | string | boolean };

/** One fault as the admin API describes it. */
export interface Fault {
  name: string;
  enabled: boolean;
  params: FaultParams;
  description: string;
  services: string[];
  updatedAt: string;
}

/** What setup() hands to teardown() so the fault can be put back as it was found. */
export interface FaultRun {
  name: string;
  /** Params the run switched the fault on with. */
  params: FaultParams;
  /** Params stored before the run; teardown() restores them. */
  previousParams: FaultParams | null;
}

interface AdminAnswer {
  status: number;
  body: unknown;
  text: string;
}

function admin(method: 'GET' | 'POST', path: string, payload?: unknown): AdminAnswer {
  const params = {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
    tags: { name: `${method} /admin/faults${path === '' ? '' : path === '/reset' ? '/reset' : '/:name'}` },
    responseType: 'text' as const,
  };
  const url = `${GATEWAY_URL}/admin/faults${path}`;
  const res = method === 'GET' ? http.get(url, params) : http.post(url, JSON.stringify(payload ?? {}), params);
  const text = typeof res.body === 'string' ? res.body : '';
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body, text: text.slice(0, 400) };
}

function isFault(value: unknown): value is Fault {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const fault = value as { [key: string]: unknown };
  return typeof fault.name === 'string' && typeof fault.enabled === 'boolean' && typeof fault.params === 'object';
}

/** Why the admin API refused, in words a learner can act on. */
function explain(answer: AdminAnswer, name: string): string {
  if (answer.status === 0) return `the gateway at ${GATEWAY_URL} did not answer: is the stack up?`;
  if (answer.status === 401) return `401: ADMIN_TOKEN is not the gateway's token (set ADMIN_TOKEN to the one the gateway runs with; compose default "workshop")`;
  if (answer.status === 404) return `404: the gateway knows no fault "${name}" (${answer.text})`;
  if (answer.status === 400) return `400: params rejected (${answer.text})`;
  return `${answer.status} ${answer.text}`;
}

/** Every fault, or fails the test with the reason. */
export function listFaults(): Fault[] {
  const answer = admin('GET', '');
  const faults = answer.body !== null && typeof answer.body === 'object' ? (answer.body as { faults?: unknown }).faults : undefined;
  if (answer.status !== 200 || !Array.isArray(faults)) fail(`GET /admin/faults: ${explain(answer, '')}`);
  return faults.filter(isFault);
}

/** Switches one fault; returns the fault as stored, or the reason it was refused. */
export function setFault(name: string, enabled: boolean, params?: FaultParams): Fault | string {
  const answer = admin('POST', `/${encodeURIComponent(name)}`, params === undefined ? { enabled } : { enabled, params });
  if (answer.status !== 200 || !isFault(answer.body) || answer.body.name !== name || answer.body.enabled !== enabled) {
    return explain(answer, name);
  }
  return answer.body;
}

/**
 * For setup(): switches the fault on with exactly `params` (so a run does not depend on params
 * someone left stored), waits until every service has seen it, and returns what teardown() needs.
 * Aborts the test when that fails: a bottleneck run without its fault proves nothing.
 */
export function enableFault(name: string, params: FaultParams = {}): FaultRun {
  return takeFault(name, params, true);
}

/**
 * For setup(): like enableFault(), but leaves the switch in the state `enabled` (a scenario that
 * flips it during the run starts with it off). The params are set either way.
 */
export function takeFault(name: string, params: FaultParams, enabled: boolean): FaultRun {
  const before = listFaults();
  const current = before.find((fault) => fault.name === name);
  if (current === undefined) fail(`the gateway knows no fault "${name}" (it has: ${before.map((f) => f.name).join(', ')})`);
  const others = before.filter((fault) => fault.enabled && fault.name !== name).map((fault) => fault.name);
  if (others.length > 0) {
    console.warn(
      `other faults are on too (${others.join(', ')}): their symptoms mix with "${name}"'s. ` +
        `Switch them all off first: curl -X POST -H 'authorization: Bearer <ADMIN_TOKEN>' ${GATEWAY_URL}/admin/faults/reset`,
    );
  }
  if (current.enabled) console.warn(`fault "${name}" was already on; teardown switches it off`);
  const result = setFault(name, enabled, params);
  const state = enabled ? 'on' : 'off';
  if (typeof result === 'string') fail(`could not switch fault "${name}" ${state}: POST /admin/faults/${name} answered ${result}`);
  const applied = result.params;
  console.info(`fault "${name}" ${state}, params ${JSON.stringify(applied)} (${result.description})`);
  if (FAULT_SETTLE_SECONDS > 0) sleep(FAULT_SETTLE_SECONDS);
  return { name, params: applied, previousParams: current.params };
}

/** For teardown(): switches the fault off and puts its previous params back; reports (does not throw) a failure. */
export function disableFault(run: FaultRun | string): void {
  const name = typeof run === 'string' ? run : run.name;
  const previous = typeof run === 'string' ? null : run.previousParams;
  const restore = previous !== null && JSON.stringify(previous) !== JSON.stringify(typeof run === 'string' ? null : run.params);
  const result = setFault(name, false, restore ? previous! : undefined);
  if (typeof result === 'string') {
    console.error(
      `could not switch fault "${name}" off (${result}); switch it off by hand:\n` +
        `  curl -X POST -H 'authorization: Bearer <ADMIN_TOKEN>' -H 'content-type: application/json' ` +
        `-d '{"enabled":false}' ${GATEWAY_URL}/admin/faults/${name}`,
    );
    return;
  }
  console.info(`fault "${name}" off${restore ? `, params back to ${JSON.stringify(previous)}` : ''}`);
}

/** setup() data of a scenario that runs with a fault switched on. */
export interface FaultScenarioData extends SetupData {
  fault: FaultRun;
}

/** setup(): the scenario's SKUs and trace settings, then the fault on with `params`. */
export function faultSetup(scenario: string, name: string, params: FaultParams = {}): () => FaultScenarioData {
  return () => ({ ...prepare(scenario), fault: enableFault(name, params) });
}

/** teardown(): the fault back off (and its previous params back), then time for the last traces. */
export function faultTeardown(data: FaultScenarioData): void {
  disableFault(data.fault);
  settleTraces();
}
