/**
 * The trace page's browser script, served as /console/trace.js after /console/kit.js. It reads
 * GET /admin/traces/<id> (the trace doctor's report and the spans' details, read server-side) and
 * draws the verdict, the waterfall and the log lines. Every value from a span or a log line goes
 * into the DOM as text (kit's h()), never as markup. Bar geometry is set through the CSSOM, which
 * the page's Content-Security-Policy allows where style attributes are refused. No backticks or
 * dollar-brace: the script lives in a template string.
 */
export const TRACE_SCRIPT = String.raw`'use strict';
(() => {
  const { isAuthError, readStoredToken, storeToken, h, byTestId, time, tracePagePath, wireTraceBox, safeHttpUrl } = window.TracelabKit;
  // Above this many spans, levels deeper than COLLAPSED_DEPTH start folded so the browser stays responsive.
  const COLLAPSE_ABOVE_SPANS = 200;
  const COLLAPSED_DEPTH = 3;
  const KNOWN_SERVICES = ['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification'];
  const PALETTE_SIZE = 8;

  const traceId = decodeURIComponent(window.location.pathname.split('/').pop() || '');
  const ui = {
    traceId: byTestId('trace-id'),
    tokenForm: byTestId('token-form'),
    tokenInput: byTestId('token-input'),
    tokenChange: byTestId('token-change'),
    authError: byTestId('auth-error'),
    status: byTestId('trace-status'),
    verdictSection: byTestId('verdict-section'),
    verdict: byTestId('verdict'),
    summary: byTestId('trace-summary'),
    jaegerSlot: byTestId('jaeger-link-slot'),
    brokenHops: byTestId('broken-hops'),
    otherHalves: byTestId('other-halves'),
    findings: byTestId('findings'),
    criticalPath: byTestId('critical-path'),
    topSelfTime: byTestId('top-self-time'),
    messageHops: byTestId('message-hops'),
    logsSection: byTestId('logs-section'),
    logsState: byTestId('logs-state'),
    unattachedLogs: byTestId('unattached-logs'),
    waterfallSection: byTestId('waterfall-section'),
    waterfallHint: byTestId('waterfall-hint'),
    legend: byTestId('legend'),
    waterfall: byTestId('waterfall'),
    expandAll: byTestId('expand-all'),
    collapseDeep: byTestId('collapse-deep'),
    details: byTestId('span-details'),
  };
  const state = { token: readStoredToken(), view: null, rows: [], collapsed: new Set(), jaegerUrl: null };

  ui.traceId.textContent = traceId;
  document.title = 'trace ' + traceId.slice(0, 8) + ' · tracelab console';
  wireTraceBox(byTestId('trace-box'), byTestId('trace-box-input'));

  ui.tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = ui.tokenInput.value.trim();
    if (!token) return;
    state.token = token;
    storeToken(token);
    load();
  });

  ui.tokenChange.addEventListener('click', () => {
    ui.tokenForm.hidden = false;
    ui.tokenChange.hidden = true;
    ui.tokenInput.focus();
  });

  // ---- loading -----------------------------------------------------------------------------

  async function load() {
    showStatus('Reading the trace…', 'loading');
    ui.authError.hidden = true;
    try {
      const [view, config] = await Promise.all([
        window.TracelabKit.api(state.token, 'GET', '/admin/traces/' + encodeURIComponent(traceId)),
        window.TracelabKit.api(state.token, 'GET', '/admin/config').catch((error) => {
          if (isAuthError(error)) throw error;
          return {};
        }),
      ]);
      ui.tokenForm.hidden = true;
      ui.tokenChange.hidden = false;
      state.jaegerUrl = safeHttpUrl(config.jaegerUrl);
      render(view);
    } catch (error) {
      if (isAuthError(error)) {
        ui.authError.textContent = (state.token ? 'The admin token was refused: ' : 'This page needs the workshop admin token: ') + error.message;
        ui.authError.hidden = false;
        ui.tokenForm.hidden = false;
        ui.tokenInput.focus();
        showStatus('', 'hidden');
      } else if (error.status === 404) {
        showStatus(error.message, 'not-found', 'Trace not found (yet)');
      } else {
        showStatus(error.message, 'unavailable', 'The trace cannot be shown');
      }
    }
  }

  function showStatus(message, kind, title) {
    ui.status.className = 'status ' + kind;
    ui.status.dataset.kind = kind;
    ui.status.hidden = kind === 'hidden';
    ui.status.replaceChildren(...(title ? [h('strong', {}, title), h('br', {})] : []), message);
  }

  // ---- the page ----------------------------------------------------------------------------

  function render(view) {
    // Marks for the browser's performance panel and bench/trace-page.mjs.
    performance.mark('trace:data');
    state.view = view;
    showStatus('', 'hidden');
    renderVerdict(view);
    renderLogs(view);
    renderWaterfall(view);
    performance.mark('trace:rendered');
    focusSpanFromAddress();
  }

  /** A span link's #span-<id> target: unfold its ancestors, show its details, scroll it into view. */
  function focusSpanFromAddress() {
    const match = /^#span-([0-9a-f]{16})$/.exec(window.location.hash);
    const index = match ? state.rows.findIndex((entry) => entry.row.spanId === match[1]) : -1;
    if (index < 0) return;
    let depth = state.rows[index].row.depth;
    for (let i = index - 1; i >= 0 && depth > 0; i--) {
      if (state.rows[i].row.depth < depth) {
        state.collapsed.delete(state.rows[i].row.spanId);
        depth = state.rows[i].row.depth;
      }
    }
    applyCollapse();
    showDetails(match[1]);
    state.rows[index].element.scrollIntoView({ block: 'center' });
  }

  function renderVerdict(view) {
    const trace = view.trace;
    ui.verdictSection.hidden = false;
    ui.verdict.textContent = view.whole ? 'WHOLE' : 'BROKEN';
    ui.verdict.className = 'badge verdict ' + (view.whole ? 'whole' : 'broken');
    ui.summary.textContent = trace.spanCount + ' spans · ' + trace.services.length + ' services · ' + formatMs(trace.durationMs) +
      ' · started ' + time(trace.startTime) + (trace.orderIds.length ? ' · order ' + trace.orderIds.join(', ') : '') + ' · read from ' + view.source;
    ui.jaegerSlot.replaceChildren(state.jaegerUrl
      ? h('a', { href: state.jaegerUrl + '/trace/' + encodeURIComponent(view.traceId), target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'trace-link' }, 'Open in Jaeger')
      : '');
    ui.brokenHops.replaceChildren(...view.brokenHops.map((hop) => h('li', { 'data-testid': 'broken-hop' }, 'broke at ' + hop)));
    ui.otherHalves.replaceChildren(...view.otherHalves.map((other) =>
      h('p', { class: 'other-half' }, 'The rest of this order went to another trace: ',
        h('a', { href: tracePagePath(other), class: 'mono', 'data-testid': 'other-half' }, other))));
    ui.findings.replaceChildren(...view.findings.map((finding) =>
      h('li', { class: 'finding ' + finding.kind, 'data-testid': 'finding', 'data-kind': finding.kind },
        h('span', { class: 'tag' }, finding.kind), ' ', finding.message)));
    ui.criticalPath.replaceChildren(...trace.criticalPath.map((step) =>
      h('li', { 'data-testid': 'critical-step', 'data-span-id': step.spanId },
        serviceChip(step.service), ' ', h('span', { class: 'name' }, step.name), ' ', h('span', { class: 'muted' }, formatMs(step.durationMs)))));
    ui.topSelfTime.replaceChildren(...trace.topSelfTime.map((entry) =>
      h('tr', { 'data-testid': 'self-time-row', 'data-span-id': entry.spanId },
        h('td', { class: 'nowrap' }, formatMs(entry.selfMs)),
        h('td', {}, serviceChip(entry.service), ' ', h('span', { class: 'name' }, entry.name)),
        h('td', { class: 'nowrap muted' }, formatMs(entry.durationMs)))));
    const hops = trace.messageHops.concat(view.linkedConsumers || []);
    ui.messageHops.replaceChildren(...hops.map((hop) =>
      h('p', { class: 'message-hop', 'data-testid': 'message-hop', 'data-relation': hop.relation },
        h('strong', {}, 'RabbitMQ: '), hop.producer.service + ' ' + hop.producer.name + ' → ' + hop.consumer.service + ' ' + hop.consumer.name +
        ', queue wait ' + formatMs(hop.queueWaitMs) + (hop.relation === 'link' ? ' (the consumer links to the publisher from trace ' + otherTraceOf(hop) + ')' : ''))));
  }

  function otherTraceOf(hop) {
    return hop.producer.traceId === traceId ? hop.consumer.traceId : hop.producer.traceId;
  }

  function renderLogs(view) {
    ui.logsSection.hidden = false;
    const logs = view.logs;
    state.logsBySpan = new Map();
    if (logs.state !== 'read') {
      ui.logsState.textContent = logs.message;
      ui.logsState.dataset.state = logs.state;
      ui.unattachedLogs.replaceChildren();
      return;
    }
    const spanIds = new Set(view.trace.waterfall.map((row) => row.spanId));
    const loose = [];
    for (const line of logs.lines) {
      if (line.spanId && spanIds.has(line.spanId)) {
        if (!state.logsBySpan.has(line.spanId)) state.logsBySpan.set(line.spanId, []);
        state.logsBySpan.get(line.spanId).push(line);
      } else loose.push(line);
    }
    ui.logsState.dataset.state = 'read';
    ui.logsState.textContent = logs.lines.length + ' line(s) from ' + logs.where + '; lines written inside a span are under it in the waterfall';
    ui.unattachedLogs.replaceChildren(...loose.map(logLine));
  }

  function logLine(line) {
    return h('div', { class: 'logline', 'data-testid': 'log-line', 'data-span-id': line.spanId || '' },
      h('span', { class: 'severity sev-' + severityClass(line.severity) }, line.severity || '—'),
      h('span', { class: 'muted nowrap' }, time(line.time)),
      serviceChip(line.service),
      h('span', { class: 'body' }, line.message),
      h('a', { href: tracePagePath(traceId), class: 'mono muted', 'data-testid': 'log-trace-link' }, traceId.slice(0, 8)));
  }

  function severityClass(severity) {
    const text = String(severity || '').toLowerCase();
    if (/error|fatal/.test(text)) return 'error';
    if (/warn/.test(text)) return 'warn';
    if (/debug|trace/.test(text)) return 'debug';
    return 'info';
  }

  // ---- waterfall ---------------------------------------------------------------------------

  function renderWaterfall(view) {
    const trace = view.trace;
    const rows = trace.waterfall;
    ui.waterfallSection.hidden = false;
    ui.legend.replaceChildren(...trace.services.map((service) => serviceChip(service)),
      h('span', { class: 'legend-item critical-sample' }, 'critical path'), h('span', { class: 'legend-item error-sample' }, 'error'));
    state.drawing = {
      total: trace.durationMs > 0 ? trace.durationMs : 1,
      critical: new Set(trace.criticalPath.map((step) => step.spanId)),
      queueWait: new Map(trace.messageHops.filter((hop) => hop.relation === 'child').map((hop) => [hop.consumer.spanId, hop])),
      linkedConsumers: new Map((view.linkedConsumers || []).map((hop) => [hop.producer.spanId, hop])),
    };
    state.rows = rows.map((row, i) => ({ row, parent: hasChildren(rows, i), element: null, twist: null }));
    state.collapsed = new Set();
    if (rows.length > COLLAPSE_ABOVE_SPANS) foldDeepLevels();
    state.axis = axis(state.drawing.total);
    ui.waterfall.replaceChildren(state.axis);
    applyCollapse();
  }

  function hasChildren(rows, i) {
    return i + 1 < rows.length && rows[i + 1].depth > rows[i].depth;
  }

  function foldDeepLevels() {
    for (const entry of state.rows) if (entry.row.depth === COLLAPSED_DEPTH && entry.parent) state.collapsed.add(entry.row.spanId);
  }

  function axis(total) {
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
      const tick = h('span', { class: 'tick' }, formatMs(total * share));
      tick.style.left = share * 100 + '%';
      return tick;
    });
    return h('div', { class: 'axis' }, h('div', { class: 'label' }, 'span'), h('div', { class: 'track' }, ...ticks), h('div', { class: 'dur' }, 'duration'));
  }

  /** One span's row: built only once it is first shown, so a folded 2,000-span trace costs the rows on screen. */
  function spanRow(entry) {
    const { row } = entry;
    const { total, critical, queueWait, linkedConsumers } = state.drawing;
    const onCriticalPath = critical.has(row.spanId);
    const hop = queueWait.get(row.spanId);
    const linkedConsumer = linkedConsumers.get(row.spanId);
    const twist = entry.parent
      ? h('button', { class: 'twist', type: 'button', 'aria-expanded': 'true', 'aria-label': 'fold the spans below', 'data-testid': 'span-twist' }, '▾')
      : h('span', { class: 'twist' }, '');
    const lines = (state.logsBySpan && state.logsBySpan.get(row.spanId)) || [];
    const label = h('div', { class: 'label' },
      twist,
      serviceChip(row.service),
      h('span', { class: 'name', 'data-testid': 'span-name', title: row.name }, row.name),
      h('span', { class: 'tag kind' }, row.kind),
      row.error ? h('span', { class: 'tag error', 'data-testid': 'span-error' }, 'ERROR') : '',
      row.orphan ? h('span', { class: 'tag orphan' }, 'orphan: parent not in trace') : '',
      hop ? h('span', { class: 'tag queue', 'data-testid': 'queue-wait' }, 'queue wait ' + formatMs(hop.queueWaitMs) + ' after ' + hop.producer.name) : '',
      ...row.links.map((link) => spanLink('↪ linked to span ' + link.spanId.slice(0, 8) + (link.traceId === traceId ? '' : ' of trace ' + link.traceId.slice(0, 8)), link)),
      linkedConsumer ? spanLink('↪ consumed by ' + linkedConsumer.consumer.service + ' ' + linkedConsumer.consumer.name + ' in trace ' + linkedConsumer.consumer.traceId.slice(0, 8) + ' (span link)', linkedConsumer.consumer) : '',
      lines.length ? h('button', { class: 'tag logs-toggle', type: 'button', 'data-testid': 'span-logs-toggle' }, lines.length + ' log line' + (lines.length === 1 ? '' : 's')) : '',
    );
    label.style.paddingLeft = row.depth * 1.1 + 'rem';
    const bar = h('div', { class: 'bar ' + paletteClass(row.service) + (row.error ? ' error' : '') + (onCriticalPath ? ' critical' : '') });
    bar.style.left = (row.offsetMs / total) * 100 + '%';
    bar.style.width = Math.max((row.durationMs / total) * 100, 0.25) + '%';
    const element = h('div', {
      class: 'span-row' + (onCriticalPath ? ' critical' : '') + (row.error ? ' error' : ''),
      'data-testid': 'span-row',
      'data-span-id': row.spanId,
      'data-parent-span-id': row.parentSpanId || '',
      'data-service': row.service,
      'data-kind': row.kind,
      'data-depth': String(row.depth),
      'data-error': String(row.error),
      'data-critical': String(onCriticalPath),
    }, h('div', { class: 'line' }, label, h('div', { class: 'track' }, bar), h('div', { class: 'dur' }, formatMs(row.durationMs))));
    if (lines.length) {
      const box = h('div', { class: 'loglines', 'data-testid': 'span-logs' }, ...lines.map(logLine));
      box.hidden = true;
      element.append(box);
    }
    return { element, twist: entry.parent ? twist : null };
  }

  function spanLink(text, target) {
    return h('a', { class: 'tag link', href: tracePagePath(target.traceId) + '#span-' + target.spanId, 'data-testid': 'span-link', 'data-target-trace-id': target.traceId }, text);
  }

  /**
   * Rows are in depth-first order, so a folded span hides the rows after it until one is as shallow
   * again. A row shown for the first time is built and put after the last row already built.
   */
  function applyCollapse() {
    let hideBelow = Infinity;
    let hidden = 0;
    let previous = state.axis;
    for (const entry of state.rows) {
      const { row } = entry;
      const isHidden = row.depth > hideBelow;
      if (!isHidden) hideBelow = Infinity;
      if (isHidden) hidden += 1;
      else if (!entry.element) {
        Object.assign(entry, spanRow(entry));
        previous.after(entry.element);
      }
      if (entry.element) {
        entry.element.hidden = isHidden;
        previous = entry.element;
      }
      const folded = state.collapsed.has(row.spanId);
      if (entry.twist) {
        entry.twist.textContent = folded ? '▸' : '▾';
        entry.twist.setAttribute('aria-expanded', String(!folded));
      }
      if (!isHidden && folded) hideBelow = row.depth;
    }
    ui.waterfallHint.textContent = state.rows.length + ' spans' + (hidden ? ', ' + hidden + ' folded (▸ unfolds)' : '') + '; click a span for its details';
    ui.waterfallHint.dataset.spans = String(state.rows.length);
    ui.waterfallHint.dataset.folded = String(hidden);
  }

  // One listener for every row: the twist folds, the log toggle opens the span's lines, links navigate, the rest shows details.
  ui.waterfall.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const rowElement = target && target.closest('.span-row');
    if (!rowElement || target.closest('a')) return;
    const spanId = rowElement.dataset.spanId;
    if (target.closest('button.twist')) {
      if (state.collapsed.has(spanId)) state.collapsed.delete(spanId);
      else state.collapsed.add(spanId);
      applyCollapse();
    } else if (target.closest('button.logs-toggle')) {
      const box = rowElement.querySelector('.loglines');
      box.hidden = !box.hidden;
    } else if (target.closest('.line')) {
      showDetails(spanId);
    }
  });

  ui.expandAll.addEventListener('click', () => {
    state.collapsed.clear();
    applyCollapse();
  });
  ui.collapseDeep.addEventListener('click', () => {
    foldDeepLevels();
    applyCollapse();
  });

  // ---- span details ------------------------------------------------------------------------

  function showDetails(spanId) {
    const view = state.view;
    const row = view.trace.waterfall.find((candidate) => candidate.spanId === spanId);
    const details = view.spans.find((candidate) => candidate.spanId === spanId);
    if (!row || !details) return;
    for (const entry of state.rows) if (entry.element) entry.element.classList.toggle('selected', entry.row.spanId === spanId);
    const close = h('button', { class: 'secondary', type: 'button', 'data-testid': 'details-close' }, 'Close');
    close.addEventListener('click', () => {
      ui.details.hidden = true;
    });
    ui.details.replaceChildren(
      h('div', { class: 'heading' }, serviceChip(row.service), h('h2', { 'data-testid': 'details-name' }, row.name), close),
      table('Span', [
        ['span id', row.spanId],
        ['parent', row.parentSpanId || '— (root)'],
        ['kind', row.kind],
        ['status', statusText(details.status)],
        ['start', '+' + formatMs(row.offsetMs)],
        ['duration', formatMs(row.durationMs)],
      ]),
      table('Attributes', Object.entries(details.attributes), 'details-attributes'),
      details.events.length
        ? h('div', {}, h('h3', {}, 'Events'), ...details.events.map((event) => table(event.name, Object.entries(event.attributes))))
        : h('p', { class: 'muted' }, 'No events.'),
      row.links.length
        ? h('div', { 'data-testid': 'details-links' }, h('h3', {}, 'Links'), ...row.links.map((link) =>
          h('p', {}, h('a', { href: tracePagePath(link.traceId) + '#span-' + link.spanId, class: 'mono' }, link.traceId + ' / ' + link.spanId))))
        : '',
      table('Resource', Object.entries(details.resource)),
    );
    ui.details.hidden = false;
  }

  function statusText(status) {
    const names = { 0: 'unset', 1: 'ok', 2: 'ERROR' };
    return (names[status.code] || String(status.code)) + (status.message ? ': ' + status.message : '');
  }

  function table(title, entries, testId) {
    const attributes = testId ? { 'data-testid': testId } : {};
    return h('div', attributes, h('h3', {}, title),
      entries.length
        ? h('table', { class: 'kv' }, h('tbody', {}, ...entries.map(([key, value]) => h('tr', {}, h('th', {}, key), h('td', {}, valueText(value))))))
        : h('p', { class: 'muted' }, 'none'));
  }

  function valueText(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  // ---- helpers -----------------------------------------------------------------------------

  function paletteClass(service) {
    const known = KNOWN_SERVICES.indexOf(service);
    if (known >= 0) return 'c' + known;
    let hash = 0;
    for (const char of String(service)) hash = (hash * 31 + char.charCodeAt(0)) % 997;
    return 'c' + (KNOWN_SERVICES.length + (hash % (PALETTE_SIZE - KNOWN_SERVICES.length)));
  }

  function serviceChip(service) {
    return h('span', { class: 'svc ' + paletteClass(service), 'data-testid': 'service-chip' }, service);
  }

  function formatMs(ms) {
    if (ms >= 1000) return (ms / 1000).toFixed(2) + ' s';
    if (ms >= 10) return ms.toFixed(0) + ' ms';
    return ms.toFixed(1) + ' ms';
  }

  load();
})();
`;
