/** Health probes and the console's polling would bury the shop's traces and logs; fault switches stay traced. */
export function isHousekeepingRequest(request: { url?: string; method?: string }): boolean {
  const url = request.url ?? '';
  return url === '/healthz' || url.startsWith('/console') || (request.method === 'GET' && url.startsWith('/admin/'));
}
