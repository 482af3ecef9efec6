import { consolePage, TRACE_BOX } from './console.shell';

/** The console's main page; console.script.ts fills the tables from the admin API. */
export const CONSOLE_HTML = consolePage({
  title: 'tracelab console',
  script: '/console/app.js',
  heading: 'tracelab console',
  subtitle: 'faults, orders, traces and labs of the workshop shop',
  main: `
  <section aria-labelledby="faults-title">
    <div class="heading">
      <h2 id="faults-title">Fault switches</h2>
      <span class="hint">refreshed every 2 s</span>
      <div class="actions"><button data-testid="faults-reset" class="secondary" type="button">Reset all</button></div>
    </div>
    <p class="section-error" data-testid="faults-error" role="alert"></p>
    <table>
      <thead><tr><th>On</th><th>Fault</th><th>Params</th><th>State</th><th>Updated</th></tr></thead>
      <tbody data-testid="faults-body"><tr><td class="empty" colspan="5">Loading…</td></tr></tbody>
    </table>
  </section>

  <section aria-labelledby="orders-title">
    <div class="heading">
      <h2 id="orders-title">Last orders</h2>
      <span class="hint">trace ids open their trace page</span>
      <div class="actions"><button data-testid="place-order" type="button">Place a test order</button></div>
    </div>
    <div class="order-result" data-testid="order-result" aria-live="polite" hidden></div>
    <p class="section-error" data-testid="orders-error" role="alert"></p>
    <table>
      <thead><tr><th>Created</th><th>Order</th><th>Status</th><th>Total</th><th>Trace</th></tr></thead>
      <tbody data-testid="orders-body"><tr><td class="empty" colspan="5">Loading…</td></tr></tbody>
    </table>
  </section>

  <section aria-labelledby="traces-title">
    <div class="heading">
      <h2 id="traces-title">Recent traces</h2>
      <span class="hint" data-testid="recent-traces-source">refreshed every 10 s</span>
      <div class="actions">
        ${TRACE_BOX}
      </div>
    </div>
    <p class="section-error" data-testid="recent-traces-error" role="alert"></p>
    <table>
      <thead><tr><th>Started</th><th>Trace</th><th>Duration</th><th>Verdict</th><th>Order</th></tr></thead>
      <tbody data-testid="recent-traces-body"><tr><td class="empty" colspan="5">Loading…</td></tr></tbody>
    </table>
  </section>

  <section aria-labelledby="labs-title">
    <div class="heading">
      <h2 id="labs-title">Labs</h2>
    </div>
    <p class="section-error" data-testid="labs-error" role="alert"></p>
    <table>
      <thead><tr><th>Lab</th><th>Kind</th><th>Fault</th><th>State</th><th>Detail</th><th>Updated</th></tr></thead>
      <tbody data-testid="labs-body"><tr><td class="empty" colspan="6">Loading…</td></tr></tbody>
    </table>
  </section>`,
});
