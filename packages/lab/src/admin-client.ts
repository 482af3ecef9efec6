/** The gateway's admin API, as the lab commands use it (GATEWAY_URL, ADMIN_TOKEN). */
export interface AdminTarget {
  gatewayUrl: string;
  token: string;
}

export function adminTargetFromEnv(): AdminTarget {
  return {
    gatewayUrl: (process.env.GATEWAY_URL ?? 'http://localhost:8080').replace(/\/$/, ''),
    token: process.env.ADMIN_TOKEN ?? 'workshop',
  };
}

export class AdminApiError extends Error {}

export async function admin<T>(target: AdminTarget, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${target.gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    throw new AdminApiError(`cannot reach the gateway at ${target.gatewayUrl} (${(error as Error).message}); is the stack up? set GATEWAY_URL if it runs elsewhere`);
  }
  const text = await response.text();
  const json = text ? (JSON.parse(text) as T & { message?: string }) : ({} as T & { message?: string });
  if (!response.ok) throw new AdminApiError(`${method} ${path}: ${response.status} ${json.message ?? text}`);
  return json;
}
