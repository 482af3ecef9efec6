import { consolePage, TRACE_BOX } from './console.shell';

/** The trace page's static shell, the same for every trace id; trace.script.ts reads the id from the address. */
export const TRACE_PAGE_HTML = consolePage({
  title: 'trace · tracelab console',
  script: '/console/trace.js',
  heading: '<a class="home" href="/console">tracelab console</a>',
  subtitle: 'trace <code data-testid="trace-id"></code>',
  header: TRACE_BOX,
  main: `  <p class="status" data-testid="trace-status" role="status">Reading the trace…</p>

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

  <aside class="details" data-testid="span-details" aria-live="polite" hidden></aside>`,
});
