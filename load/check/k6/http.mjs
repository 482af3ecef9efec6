// k6/http for the offline check: a request in the init stage is refused, as in k6.
import { initOnly } from '../registry.mjs';

const http = Object.fromEntries(
  ['get', 'post', 'put', 'patch', 'del', 'head', 'options', 'request', 'batch'].map((name) => [name, initOnly(`http.${name}`)]),
);
export const { get, post, put, patch, del, head, options, request, batch } = http;
export default http;
