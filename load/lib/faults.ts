/**
 * Switches the gateway's fault injection for the bottleneck scenarios:
 *   POST ${GATEWAY_URL}/admin/faults/<name>   authorization: Bearer ${ADMIN_TOKEN}
 *   body {"enabled": true|false}
 * (compose's default ADMIN_TOKEN is `workshop`).
 */
import { fail } from 'k6';
import http from 'k6/http';
import { GATEWAY_URL, envString } from './checkout.ts';

const ADMIN_TOKEN = envString('ADMIN_TOKEN', 'workshop');

function post(name: string, enabled: boolean): { status: number; body: string } {
  const res = http.post(`${GATEWAY_URL}/admin/faults/${encodeURIComponent(name)}`, JSON.stringify({ enabled }), {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    tags: { name: 'POST /admin/faults/:name' },
    responseType: 'text',
  });
  return { status: res.status, body: typeof res.body === 'string' ? res.body.slice(0, 300) : '' };
}

/** For setup(): turns the fault on, or aborts the test (a bottleneck run without its fault proves nothing). */
export function enableFault(name: string): void {
  const { status, body } = post(name, true);
  if (status < 200 || status >= 300) {
    fail(`could not enable fault "${name}": POST /admin/faults/${name} answered ${status} ${body}`);
  }
  console.info(`fault "${name}" enabled`);
}

/** For teardown(): turns the fault off; reports (does not throw) when that fails. */
export function disableFault(name: string): void {
  const { status, body } = post(name, false);
  if (status < 200 || status >= 300) {
    console.error(
      `could not disable fault "${name}" (${status} ${body}); switch it off by hand:\n` +
        `  curl -X POST -H 'authorization: Bearer <ADMIN_TOKEN>' -H 'content-type: application/json' ` +
        `-d '{"enabled":false}' ${GATEWAY_URL}/admin/faults/${name}`,
    );
    return;
  }
  console.info(`fault "${name}" disabled`);
}
