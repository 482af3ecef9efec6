// k6/http for the offline check: a request in the init stage is refused, as in k6.
import { initOnly, run } from '../registry.mjs';

/** A response as k6 gives it, from the test's answer { status, body, headers }. */
function response({ status = 200, body = '', headers = {} }) {
  return {
    status,
    body,
    headers,
    error: '',
    timings: { duration: 1 },
    json() {
      return JSON.parse(body);
    },
  };
}

const withBody = (method) => (url, body) => response(run.vu.respond(method, url, body));
const withoutBody = (method) => (url) => response(run.vu.respond(method, url));
const http = Object.fromEntries(
  ['get', 'post', 'put', 'patch', 'del', 'head', 'options', 'request', 'batch'].map((name) => [
    name,
    initOnly(`http.${name}`, ['get', 'head', 'del'].includes(name) ? withoutBody(name) : withBody(name)),
  ]),
);
export const { get, post, put, patch, del, head, options, request, batch } = http;
export default http;
