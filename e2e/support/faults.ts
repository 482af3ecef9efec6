import { ADMIN_TOKEN, GATEWAY_URL } from './env';

const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

/**
 * A change reaches every service within milliseconds (announced over LISTEN/NOTIFY, see
 * e2e/idle/); the wait leaves time for what it sets off (a consumer restart, a DROP INDEX).
 */
export const FAULT_PROPAGATION_MS = 500;

export async function setFault(name: string, enabled: boolean, params?: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${GATEWAY_URL}/admin/faults/${name}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(params ? { enabled, params } : { enabled }),
  });
  if (response.status !== 200) throw new Error(`setting ${name}: ${response.status} ${await response.text()}`);
  await new Promise((r) => setTimeout(r, FAULT_PROPAGATION_MS));
}

export async function resetFaults(): Promise<void> {
  const response = await fetch(`${GATEWAY_URL}/admin/faults/reset`, { method: 'POST', headers });
  if (response.status !== 200) throw new Error(`reset: ${response.status} ${await response.text()}`);
  await new Promise((r) => setTimeout(r, FAULT_PROPAGATION_MS));
}
