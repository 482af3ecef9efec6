import { CONSOLE_KIT_PATH } from './console.page';
import { CONSOLE_CSS } from './console.styles';

export const TRACE_SCRIPT_PATH = '/console/trace.js';

/** The trace page's static shell, the same for every trace id; trace.script.ts reads the id from the address. */
export const TRACE_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>trace · tracelab console</title>
<link rel="icon" href="data:,">
<style>${CONSOLE_CSS}</style>
<script src="${CONSOLE_KIT_PATH}" defer></script>
<script src="${TRACE_SCRIPT_PATH}" defer></script>
</head>
<body>
<header>
  <h1><a class="home" href="/console">tracelab console</a></h1>
  <span class="subtitle">trace <code data-testid="trace-id"></code></span>
  <form class="trace-box" data-testid="trace-box">
    <label for="trace-box-input" class="subtitle">Trace id</label>
    <input id="trace-box-input" data-testid="trace-box-input" type="text" autocomplete="off" spellcheck="false" placeholder="32 hex digits">
    <button data-testid="trace-box-open" type="submit">Open</button>
  </form>
  <div class="token">
    <form data-testid="token-form" hidden>
      <label for="token-input" class="subtitle">Admin token</label>
      <input id="token-input" data-testid="token-input" type="password" autocomplete="off" spellcheck="false" placeholder="paste the admin token">
      <button data-testid="token-save" type="submit">Save</button>
    </form>
  </div>
</header>
<main>
  <p class="banner" data-testid="auth-error" role="alert" hidden></p>
  <p class="status" data-testid="trace-status" role="status">Reading the trace…</p>

  <section aria-labelledby="verdict-title" data-testid="verdict-section" hidden>
    <div class="heading">
      <h2 id="verdict-title">Verdict</h2>
      <span class="badge" data-testid="verdict"></span>
      <span class="hint" data-testid="trace-summary"></span>
      <div class="actions"><span data-testid="jaeger-link-slot"></span></div>
    </div>
    <ul class="hops" data-testid="broken-hops"></ul>
    <div data-testid="other-halves"></div>
    <ul class="findings" data-testid="findings"></ul>
    <div class="facts">
      <div>
        <h3>Critical path</h3>
        <ol class="path" data-testid="critical-path"></ol>
      </div>
      <div>
        <h3>Most time of their own</h3>
        <table><thead><tr><th>Self</th><th>Span</th><th>Of</th></tr></thead><tbody data-testid="top-self-time"></tbody></table>
      </div>
    </div>
    <div data-testid="message-hops"></div>
  </section>

  <section aria-labelledby="logs-title" data-testid="logs-section" hidden>
    <div class="heading"><h2 id="logs-title">Log lines</h2><span class="hint" data-testid="logs-state"></span></div>
    <div class="loglines" data-testid="unattached-logs"></div>
  </section>

  <section aria-labelledby="waterfall-title" data-testid="waterfall-section" hidden>
    <div class="heading">
      <h2 id="waterfall-title">Waterfall</h2>
      <span class="hint" data-testid="waterfall-hint"></span>
      <div class="actions">
        <button class="secondary" data-testid="expand-all" type="button">Expand all</button>
        <button class="secondary" data-testid="collapse-deep" type="button">Collapse deep levels</button>
      </div>
    </div>
    <div class="legend" data-testid="legend"></div>
    <div class="waterfall" data-testid="waterfall"></div>
  </section>

  <aside class="details" data-testid="span-details" aria-live="polite" hidden></aside>
</main>
</body>
</html>
`;
