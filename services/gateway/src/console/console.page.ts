import { CONSOLE_CSS } from './console.styles';

export const CONSOLE_KIT_PATH = '/console/kit.js';
const CONSOLE_SCRIPT_PATH = '/console/app.js';

/** The static shell; console.script.ts fills the tables from the admin API. */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tracelab console</title>
<link rel="icon" href="data:,">
<style>${CONSOLE_CSS}</style>
<script src="${CONSOLE_KIT_PATH}" defer></script>
<script src="${CONSOLE_SCRIPT_PATH}" defer></script>
</head>
<body>
<header>
  <h1>tracelab console</h1>
  <span class="subtitle">faults, orders and labs of the workshop shop</span>
  <div class="token">
    <form data-testid="token-form" hidden>
      <label for="token-input" class="subtitle">Admin token</label>
      <input id="token-input" data-testid="token-input" type="password" autocomplete="off" spellcheck="false" placeholder="paste the admin token">
      <button data-testid="token-save" type="submit">Save</button>
    </form>
    <button data-testid="token-change" class="secondary" type="button" hidden>Change token</button>
  </div>
</header>
<main>
  <p class="banner" data-testid="auth-error" role="alert" hidden></p>

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
        <form class="trace-box" data-testid="trace-box">
          <label for="trace-box-input" class="hint">Trace id</label>
          <input id="trace-box-input" data-testid="trace-box-input" type="text" autocomplete="off" spellcheck="false" placeholder="32 hex digits">
          <button data-testid="trace-box-open" type="submit">Open</button>
        </form>
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
  </section>
</main>
</body>
</html>
`;
