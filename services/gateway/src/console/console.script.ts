/**
 * The console's browser script, served as /console/app.js so the CSP can forbid inline scripts.
 * Plain ES2022 for any recent browser; no build step. Kept free of backticks and dollar-brace
 * because it lives in a template string. Builds the DOM with textContent only, never innerHTML,
 * so API values cannot inject markup.
 */
export const CONSOLE_SCRIPT = String.raw`'use strict';
(() => {
  const REFRESH_MS = 2000;
  // The recent-traces list runs the trace doctor over the last traces: not on every 2 s tick.
  const TRACES_REFRESH_MS = 10000;
  const RECENT_TRACES = 10;
  const RECENT_ORDERS = 20;
  const TEST_ORDER = {
    customerId: 'cust-0042',
    items: [{ sku: 'TL-MUG', quantity: 1 }],
    card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  };
  const TEST_ORDER_BAGGAGE = 'synthetic=true,shop.scenario=console';

  const { isAuthError, readStoredToken, storeToken, readJson, safeHttpUrl, h, byTestId, time, tracePagePath, wireTraceBox } = window.TracelabKit;
  const api = (method, path, body) => window.TracelabKit.api(state.token, method, path, body);
  const ui = {
    tokenForm: byTestId('token-form'),
    tokenInput: byTestId('token-input'),
    tokenChange: byTestId('token-change'),
    authError: byTestId('auth-error'),
    faultsBody: byTestId('faults-body'),
    faultsError: byTestId('faults-error'),
    faultsReset: byTestId('faults-reset'),
    ordersBody: byTestId('orders-body'),
    ordersError: byTestId('orders-error'),
    placeOrder: byTestId('place-order'),
    orderResult: byTestId('order-result'),
    labsBody: byTestId('labs-body'),
    labsError: byTestId('labs-error'),
    tracesBody: byTestId('recent-traces-body'),
    tracesError: byTestId('recent-traces-error'),
    tracesSource: byTestId('recent-traces-source'),
    traceBox: byTestId('trace-box'),
    traceBoxInput: byTestId('trace-box-input'),
  };

  const state = { token: readStoredToken(), changingToken: false, jaegerUrl: null, configError: '', shown: {}, tracesReadAt: 0 };
  const poller = { timer: 0, running: false, again: false };

  // ---- token -------------------------------------------------------------------------------

  function showTokenForm(message) {
    ui.authError.textContent = message;
    ui.authError.hidden = !message;
    ui.tokenForm.hidden = false;
    ui.tokenChange.hidden = true;
    ui.tokenInput.value = '';
    ui.tokenInput.focus();
  }

  function hideTokenForm() {
    ui.authError.hidden = true;
    ui.tokenForm.hidden = true;
    ui.tokenChange.hidden = false;
  }

  ui.tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ui.tokenInput.value.trim();
    if (!token) return;
    state.token = token;
    state.changingToken = false;
    storeToken(token);
    ui.authError.hidden = true;
    refresh();
  });
  ui.tokenChange.addEventListener('click', () => {
    state.changingToken = true;
    showTokenForm('');
  });

  // ---- admin API ---------------------------------------------------------------------------

  // ---- polling -----------------------------------------------------------------------------

  /** One refresh at a time; a refresh asked for meanwhile runs right after, then polling resumes. */
  async function refresh() {
    if (poller.running) {
      poller.again = true;
      return;
    }
    poller.running = true;
    window.clearTimeout(poller.timer);
    let authorized;
    do {
      poller.again = false;
      authorized = await refreshAll();
    } while (poller.again); // e.g. a new token saved while the old one was being refused
    poller.running = false;
    // After a refused token, wait for a new one instead of hammering the API.
    if (authorized) poller.timer = window.setTimeout(refresh, REFRESH_MS);
  }

  async function refreshAll() {
    const results = await Promise.allSettled([refreshConfig(), refreshFaults(), refreshOrders(), refreshLabs(), refreshTraces()]);
    const refused = results.find((result) => result.status === 'rejected' && isAuthError(result.reason));
    if (refused) {
      const hint = state.token ? 'The admin token was refused: ' : 'This console needs the workshop admin token: ';
      showTokenForm(hint + refused.reason.message);
      showEmpty(ui.faultsBody, 5, 'Enter the admin token to see the faults.');
      showEmpty(ui.ordersBody, 5, 'Enter the admin token to see the orders.');
      showEmpty(ui.labsBody, 6, 'Enter the admin token to see the labs.');
      showEmpty(ui.tracesBody, 5, 'Enter the admin token to see the traces.');
      state.shown = {};
      return false;
    }
    if (!state.changingToken) hideTokenForm();
    return true;
  }

  /** Runs a section's loader, showing its failure in the section; auth failures go up. */
  async function guarded(errorElement, load) {
    try {
      await load();
      errorElement.textContent = '';
    } catch (error) {
      if (isAuthError(error)) throw error;
      errorElement.textContent = error.message;
    }
  }

  /** Re-renders a section only when its data changed, so rows under the pointer stay put. */
  function renderIfChanged(key, data, render) {
    const signature = JSON.stringify(data);
    if (state.shown[key] === signature) return;
    state.shown[key] = signature;
    render(data);
  }

  // ---- config ------------------------------------------------------------------------------

  async function refreshConfig() {
    if (state.jaegerUrl) return;
    try {
      const config = await api('GET', '/admin/config');
      state.jaegerUrl = safeHttpUrl(config.jaegerUrl);
      state.configError = state.jaegerUrl ? '' : 'No valid Jaeger URL is configured; trace ids are shown without links.';
    } catch (error) {
      if (isAuthError(error)) throw error;
      state.configError = 'Jaeger links unavailable: ' + error.message;
    }
  }

  // ---- faults ------------------------------------------------------------------------------

  function refreshFaults() {
    return guarded(ui.faultsError, async () => {
      const { faults } = await api('GET', '/admin/faults');
      renderIfChanged('faults', faults, renderFaults);
    });
  }

  function renderFaults(faults) {
    if (!faults || faults.length === 0) return showEmpty(ui.faultsBody, 5, 'No faults are registered.');
    ui.faultsBody.replaceChildren(...faults.map(faultRow));
  }

  function faultRow(fault) {
    const toggle = h('input', {
      type: 'checkbox',
      role: 'switch',
      class: 'switch',
      'aria-label': 'Fault ' + fault.name,
      'data-testid': 'fault-toggle-' + fault.name,
    });
    toggle.checked = Boolean(fault.enabled);
    toggle.addEventListener('change', () => setFault(fault.name, toggle));
    return h('tr', { 'data-testid': 'fault-' + fault.name, 'data-enabled': String(Boolean(fault.enabled)) },
      h('td', {}, toggle),
      h('td', {},
        h('code', { class: 'name' }, fault.name),
        h('div', { class: 'description' }, fault.description || ''),
        Array.isArray(fault.services) && fault.services.length ? h('div', { class: 'services' }, 'affects ' + fault.services.join(', ')) : '',
      ),
      h('td', {}, ...paramChips(fault.params)),
      h('td', {}, h('span', { class: 'badge ' + (fault.enabled ? 'on' : 'off'), 'data-testid': 'fault-state-' + fault.name }, fault.enabled ? 'ON' : 'off')),
      h('td', { class: 'nowrap muted' }, time(fault.updatedAt)),
    );
  }

  function paramChips(params) {
    const entries = params && typeof params === 'object' ? Object.entries(params) : [];
    if (entries.length === 0) return [h('span', { class: 'muted' }, '—')];
    return entries.map(([key, value]) =>
      h('code', { class: 'param' }, key + '=' + (typeof value === 'string' ? value : JSON.stringify(value))),
    );
  }

  async function setFault(name, toggle) {
    const enabled = toggle.checked;
    toggle.disabled = true;
    try {
      await api('POST', '/admin/faults/' + encodeURIComponent(name), { enabled });
      ui.faultsError.textContent = '';
    } catch (error) {
      toggle.checked = !enabled;
      reportActionError(ui.faultsError, 'Could not switch ' + name + ': ', error);
    } finally {
      toggle.disabled = false;
      refresh();
    }
  }

  ui.faultsReset.addEventListener('click', async () => {
    ui.faultsReset.disabled = true;
    try {
      await api('POST', '/admin/faults/reset');
      ui.faultsError.textContent = '';
    } catch (error) {
      reportActionError(ui.faultsError, 'Could not reset the faults: ', error);
    } finally {
      ui.faultsReset.disabled = false;
      refresh();
    }
  });

  function reportActionError(errorElement, prefix, error) {
    if (isAuthError(error)) showTokenForm('The admin token was refused: ' + error.message);
    else errorElement.textContent = prefix + error.message;
  }

  // ---- orders ------------------------------------------------------------------------------

  function refreshOrders() {
    return guarded(ui.ordersError, async () => {
      const { orders } = await api('GET', '/admin/orders/recent?limit=' + RECENT_ORDERS);
      renderIfChanged('orders', { orders, jaegerUrl: state.jaegerUrl }, renderOrders);
      if (state.configError) ui.ordersError.textContent = state.configError;
    });
  }

  function renderOrders({ orders }) {
    if (!orders || orders.length === 0) return showEmpty(ui.ordersBody, 5, 'No orders yet: place a test order.');
    ui.ordersBody.replaceChildren(...orders.map((order) =>
      h('tr', { 'data-testid': 'order-row', 'data-order-id': order.orderId, 'data-trace-id': order.traceId || '' },
        h('td', { class: 'nowrap muted' }, time(order.createdAt)),
        h('td', {}, h('code', {}, order.orderId)),
        h('td', {}, h('span', { class: 'badge ' + order.status }, order.status)),
        h('td', { class: 'nowrap' }, money(order.totalCents)),
        h('td', {}, traceLink(order.traceId)),
      ),
    ));
  }

  ui.placeOrder.addEventListener('click', async () => {
    ui.placeOrder.disabled = true;
    ui.placeOrder.textContent = 'Placing…';
    try {
      // Public endpoint: the admin token is deliberately not sent.
      const response = await fetch('/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', baggage: TEST_ORDER_BAGGAGE },
        body: JSON.stringify(TEST_ORDER),
      });
      const body = (await readJson(response)) || {};
      showOrderResult(response.status, body, body.traceId || response.headers.get('x-trace-id') || '');
    } catch {
      showOrderResult(0, { message: 'The gateway cannot be reached.' }, '');
    } finally {
      ui.placeOrder.disabled = false;
      ui.placeOrder.textContent = 'Place a test order';
      refresh();
    }
  });

  function showOrderResult(status, body, traceId) {
    const ok = status >= 200 && status < 300;
    const summary = ok
      ? ['Order ', h('code', {}, String(body.orderId)), ' is ', h('span', { class: 'badge ' + body.status }, String(body.status)),
         ', total ' + money(body.totalCents) + '.']
      : [(status ? status + ' ' : '') + (body.error ? body.error + ': ' : '') + (body.message || 'the order failed') + '.'];
    ui.orderResult.className = 'order-result' + (ok ? '' : ' failed');
    ui.orderResult.dataset.traceId = traceId;
    ui.orderResult.replaceChildren(...summary, traceId ? ' Trace: ' : '', traceId ? traceLink(traceId) : '');
    ui.orderResult.hidden = false;
  }

  // ---- recent traces -----------------------------------------------------------------------

  wireTraceBox(ui.traceBox, ui.traceBoxInput);

  function refreshTraces() {
    if (Date.now() - state.tracesReadAt < TRACES_REFRESH_MS) return Promise.resolve();
    state.tracesReadAt = Date.now();
    return guarded(ui.tracesError, async () => {
      const { source, traces } = await api('GET', '/admin/traces?limit=' + RECENT_TRACES);
      ui.tracesSource.textContent = 'from ' + source + ', judged by the trace doctor';
      renderIfChanged('traces', traces, renderTraces);
    }).catch((error) => {
      state.tracesReadAt = 0; // refused token: ask again as soon as a new one is saved
      throw error;
    });
  }

  function renderTraces(traces) {
    if (!traces || traces.length === 0) return showEmpty(ui.tracesBody, 5, 'No checkout traces yet: place a test order.');
    ui.tracesBody.replaceChildren(...traces.map((trace) =>
      h('tr', { 'data-testid': 'recent-trace', 'data-trace-id': trace.traceId },
        h('td', { class: 'nowrap muted' }, time(trace.startTime)),
        h('td', {}, traceLink(trace.traceId), h('div', { class: 'description' }, trace.root + ' · ' + trace.spanCount + ' spans')),
        h('td', { class: 'nowrap' }, formatMs(trace.durationMs)),
        h('td', {}, ...trace.badges.map((badge) => h('span', { class: 'badge trace-' + badge, 'data-testid': 'trace-badge' }, badge))),
        h('td', {}, trace.orderIds.length ? h('code', {}, trace.orderIds.join(', ')) : h('span', { class: 'muted' }, '—')),
      ),
    ));
  }

  function formatMs(ms) {
    return ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms.toFixed(1) + ' ms';
  }

  // ---- labs --------------------------------------------------------------------------------

  function refreshLabs() {
    return guarded(ui.labsError, async () => {
      const { labs } = await api('GET', '/admin/labs');
      renderIfChanged('labs', labs, renderLabs);
    });
  }

  function renderLabs(labs) {
    if (!labs || labs.length === 0) return showEmpty(ui.labsBody, 6, 'No labs are defined.');
    ui.labsBody.replaceChildren(...labs.map((lab) =>
      h('tr', { 'data-testid': 'lab-' + lab.name, 'data-state': lab.state },
        h('td', {}, h('div', {}, lab.title || lab.name), h('code', { class: 'muted' }, lab.name)),
        h('td', {}, lab.kind),
        h('td', {}, lab.fault ? h('code', {}, lab.fault) : h('span', { class: 'muted' }, '—')),
        h('td', {}, h('span', { class: 'badge ' + lab.state, 'data-testid': 'lab-state-' + lab.name }, lab.state)),
        h('td', {}, lab.detail || ''),
        h('td', { class: 'nowrap muted' }, time(lab.updatedAt)),
      ),
    ));
  }

  // ---- DOM helpers -------------------------------------------------------------------------

  function showEmpty(body, columns, message) {
    body.replaceChildren(h('tr', {}, h('td', { class: 'empty', colspan: String(columns) }, message)));
  }

  /** The trace id opens the console's trace page; a second link opens Jaeger's UI when one is configured. */
  function traceLink(traceId) {
    if (!traceId) return h('span', { class: 'muted' }, '—');
    const page = h('a', { href: tracePagePath(traceId), class: 'mono', 'data-testid': 'trace-page-link' }, traceId);
    if (!state.jaegerUrl) return page;
    const jaeger = h('a', {
      href: state.jaegerUrl + '/trace/' + encodeURIComponent(traceId),
      target: '_blank',
      rel: 'noopener noreferrer',
      class: 'jaeger-link',
      title: 'open this trace in Jaeger',
      'data-testid': 'trace-link',
    }, 'Jaeger');
    return h('span', { class: 'trace-links' }, page, ' ', jaeger);
  }

  function money(cents) {
    return typeof cents === 'number' ? (cents / 100).toFixed(2) : '—';
  }

  refresh();
})();
`;
