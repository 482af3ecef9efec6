/**
 * What the console's two pages share, served as /console/kit.js before each page's own script:
 * the admin token in localStorage, calls to the admin API, and building DOM with textContent
 * only (never innerHTML), so values from the API cannot inject markup. Plain ES2022, no build
 * step; kept free of backticks and dollar-brace because it lives in a template string.
 */
export const CONSOLE_KIT = String.raw`'use strict';
window.TracelabKit = (() => {
  const TOKEN_KEY = 'tracelab.console.adminToken';

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }
  const isAuthError = (error) => error instanceof ApiError && (error.status === 401 || error.status === 403);

  function readStoredToken() {
    // A ?token= link is handy on a workshop slide; keep it, then drop it from the address bar.
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      storeToken(fromUrl);
      url.searchParams.delete('token');
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
      return fromUrl;
    }
    try {
      return window.localStorage.getItem(TOKEN_KEY) || '';
    } catch {
      return '';
    }
  }

  function storeToken(token) {
    try {
      window.localStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Private windows may refuse storage; the token then lasts until the tab closes.
    }
  }

  async function readJson(response) {
    const text = await response.text();
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  /** The admin API with a bearer token; a failure becomes an ApiError carrying the gateway's message. */
  async function api(token, method, path, body) {
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'The gateway cannot be reached.');
    }
    const payload = await readJson(response);
    if (!response.ok) {
      const message = payload && payload.message ? payload.message : response.status + ' ' + response.statusText;
      throw new ApiError(response.status, message);
    }
    return payload || {};
  }

  function safeHttpUrl(value) {
    try {
      const url = new URL(String(value));
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.replace(/\/+$/, '') : null;
    } catch {
      return null;
    }
  }

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children.map((child) => (child instanceof Node ? child : String(child ?? ''))));
    return element;
  }

  const byTestId = (id) => document.querySelector('[data-testid="' + id + '"]');

  function time(iso) {
    if (!iso) return '—';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleTimeString();
  }

  /** The trace page of a trace id, on this gateway. */
  const tracePagePath = (traceId) => '/console/traces/' + encodeURIComponent(traceId);

  /** Opens the trace page of whatever id the box holds; the gateway answers 400 for a malformed one. */
  function wireTraceBox(form, input) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const traceId = input.value.trim();
      if (traceId) window.location.assign(tracePagePath(traceId));
    });
  }

  return { ApiError, isAuthError, readStoredToken, storeToken, readJson, api, safeHttpUrl, h, byTestId, time, tracePagePath, wireTraceBox };
})();
`;
