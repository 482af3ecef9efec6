import type { Agent as UndiciAgent, Dispatcher } from 'undici';

// undici's index also builds fetch, WebSocket, the cache stores and the mocks: about 7 MB of the
// gateway's private memory. The gateway needs an Agent and the request API only, so it loads just
// those modules of the pinned undici; the diagnostics channels behind the client span are in its core.
export const Agent = require('undici/lib/dispatcher/agent') as typeof UndiciAgent;
const api = require('undici/lib/api') as {
  request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
};

type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher };

/** undici's `request(url, options)`: the same call on `options.dispatcher`, for a URL object. */
export function request(url: URL, { dispatcher, ...options }: RequestOptions): Promise<Dispatcher.ResponseData> {
  return api.request.call(dispatcher, { ...options, origin: url.origin, path: `${url.pathname}${url.search}` });
}
