/**
 * The console's stylesheet, inlined in the page and allowed by its hash in the CSP.
 * Sized and coloured for a projector: large system font, dark text on white, no thin greys.
 */
export const CONSOLE_CSS = `
:root {
  --ink: #111827;
  --muted: #4b5563;
  --line: #d1d5db;
  --panel: #ffffff;
  --page: #f3f4f6;
  --accent: #1d4ed8;
  --on: #047857;
  --danger: #b91c1c;
  --warn-bg: #fef2f2;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, sans-serif;
  font-size: 17px;
  line-height: 1.45;
  color: var(--ink);
  background: var(--page);
}
* { box-sizing: border-box; }
body { margin: 0; }
header {
  display: flex; flex-wrap: wrap; align-items: center; gap: 1rem;
  padding: 0.9rem 1.5rem; background: var(--ink); color: #fff;
}
header h1 { margin: 0; font-size: 1.35rem; font-weight: 700; letter-spacing: 0.01em; }
header .subtitle { color: #d1d5db; font-size: 0.95rem; }
header .token { margin-left: auto; display: flex; align-items: center; gap: 0.5rem; }
header .token form { display: flex; align-items: center; gap: 0.5rem; }
main { max-width: 1200px; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; display: grid; gap: 1.25rem; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.25rem; }
section > .heading { display: flex; align-items: center; gap: 1rem; margin-bottom: 0.5rem; }
section h2 { margin: 0; font-size: 1.2rem; }
section .hint { color: var(--muted); font-size: 0.9rem; }
section .heading .actions { margin-left: auto; display: flex; gap: 0.5rem; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 0.55rem 0.6rem; border-top: 1px solid var(--line); }
th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); border-top: none; }
td.empty { color: var(--muted); font-style: italic; }
code, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.name { font-weight: 700; }
.description { color: var(--muted); font-size: 0.92rem; margin-top: 0.15rem; }
.services { color: var(--muted); font-size: 0.85rem; font-style: italic; }
.param { display: inline-block; margin: 0 0.3rem 0.3rem 0; padding: 0.05rem 0.45rem; border: 1px solid var(--line); border-radius: 6px; background: var(--page); }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
button {
  font: inherit; font-size: 0.95rem; font-weight: 600; cursor: pointer;
  padding: 0.4rem 0.9rem; border-radius: 8px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff;
}
button.secondary { background: #fff; color: var(--accent); }
button:disabled { opacity: 0.55; cursor: progress; }
header button.secondary { background: transparent; color: #fff; border-color: #9ca3af; }
input[type="password"], input[type="text"] {
  font: inherit; font-size: 0.95rem; padding: 0.35rem 0.6rem; border-radius: 8px;
  border: 1px solid #9ca3af; min-width: 16rem;
}
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.banner { margin: 0; padding: 0.75rem 1rem; border-radius: 8px; border: 1px solid var(--danger); background: var(--warn-bg); color: var(--danger); font-weight: 600; }
.section-error { margin: 0.25rem 0 0.5rem; color: var(--danger); font-weight: 600; }
.section-error:empty { display: none; }
[hidden] { display: none !important; }

/* A checkbox drawn as an on/off switch, so the state is readable from the back of the room. */
input.switch {
  appearance: none; -webkit-appearance: none; margin: 0; cursor: pointer;
  width: 3.1rem; height: 1.7rem; border-radius: 999px; position: relative;
  background: #9ca3af; transition: background 0.15s;
}
input.switch::after {
  content: ""; position: absolute; top: 0.2rem; left: 0.2rem; width: 1.3rem; height: 1.3rem;
  border-radius: 50%; background: #fff; transition: left 0.15s;
}
input.switch:checked { background: var(--on); }
input.switch:checked::after { left: 1.6rem; }
input.switch:disabled { cursor: progress; opacity: 0.6; }

.badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; font-size: 0.85rem; font-weight: 700; border: 1px solid transparent; }
.badge.on, .badge.confirmed, .badge.passed { background: #d1fae5; color: #065f46; border-color: #6ee7b7; }
.badge.off, .badge.idle, .badge.pending { background: #f3f4f6; color: #374151; border-color: #d1d5db; }
.badge.started { background: #dbeafe; color: #1e3a8a; border-color: #93c5fd; }
.badge.failed, .badge.rejected, .badge.cancelled, .badge.error { background: #fee2e2; color: #991b1b; border-color: #fca5a5; }
.order-result { margin: 0.25rem 0 0.75rem; padding: 0.6rem 0.9rem; border-radius: 8px; border: 1px solid var(--line); background: var(--page); }
.order-result.failed { border-color: var(--danger); background: var(--warn-bg); }
/* Recent traces and the trace box. */
.trace-box { display: flex; align-items: center; gap: 0.5rem; }
.trace-box input { min-width: 20rem; }
.trace-links { white-space: nowrap; }
.jaeger-link { font-size: 0.85rem; margin-left: 0.4rem; }
.badge.trace-whole, .badge.whole { background: #d1fae5; color: #065f46; border-color: #6ee7b7; }
.badge.trace-broken, .badge.broken, .badge.trace-error { background: #fee2e2; color: #991b1b; border-color: #fca5a5; }
.badge.trace-slow { background: #fef3c7; color: #92400e; border-color: #fcd34d; }
.badge + .badge { margin-left: 0.3rem; }

/* The trace page. */
header a.home { color: #fff; text-decoration: none; }
header .trace-box .subtitle { white-space: nowrap; }
.status { margin: 0; padding: 0.9rem 1.1rem; border-radius: 8px; border: 1px solid var(--line); background: var(--panel); }
.status.not-found { border-color: #f59e0b; background: #fffbeb; }
.status.unavailable { border-color: var(--danger); background: var(--warn-bg); color: var(--danger); }
.badge.verdict { font-size: 1.05rem; padding: 0.15rem 0.8rem; }
.hops, .findings { margin: 0.4rem 0; padding-left: 1.2rem; }
.hops li { font-weight: 700; color: var(--danger); }
.findings li { margin: 0.2rem 0; font-size: 0.92rem; }
.findings .link .tag { background: #fef3c7; }
.other-half { margin: 0.4rem 0; font-weight: 600; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 1.25rem; margin-top: 0.5rem; }
.facts h3, .details h3 { margin: 0.6rem 0 0.3rem; font-size: 1rem; }
.path { margin: 0; padding-left: 1.4rem; font-size: 0.92rem; }
.message-hop { margin: 0.5rem 0 0; font-size: 0.92rem; }
.tag { display: inline-block; margin-left: 0.35rem; padding: 0 0.4rem; border-radius: 5px; border: 1px solid var(--line); background: var(--page); font-size: 0.78rem; font-weight: 600; color: var(--muted); white-space: nowrap; }
.tag.error { background: #fee2e2; color: #991b1b; border-color: #fca5a5; }
.tag.orphan { background: #fef3c7; color: #92400e; border-color: #fcd34d; }
.tag.queue { background: #ede9fe; color: #5b21b6; border-color: #c4b5fd; }
.tag.link { background: #fef3c7; color: #92400e; border-color: #f59e0b; text-decoration: none; }
button.tag { cursor: pointer; font-family: inherit; }
.svc { display: inline-block; padding: 0 0.45rem; border-radius: 5px; font-size: 0.8rem; font-weight: 700; color: #fff; white-space: nowrap; }
.c0 { background: #1d4ed8; } .c1 { background: #047857; } .c2 { background: #b45309; } .c3 { background: #7c3aed; }
.c4 { background: #be185d; } .c5 { background: #0e7490; } .c6 { background: #4d7c0f; } .c7 { background: #57534e; }
.legend { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.3rem 0 0.6rem; align-items: center; }
.legend-item { font-size: 0.8rem; padding: 0 0.45rem; border-radius: 5px; }
.critical-sample { outline: 3px solid #f59e0b; }
.error-sample { background: #fee2e2; color: #991b1b; border: 2px solid var(--danger); }
.waterfall { font-size: 0.85rem; }
.waterfall .axis, .waterfall .line { display: grid; grid-template-columns: minmax(22rem, 42%) 1fr 5.5rem; align-items: center; gap: 0.5rem; }
.waterfall .axis { color: var(--muted); font-size: 0.75rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
.waterfall .axis .track { height: 1rem; }
.waterfall .tick { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.waterfall .tick:first-child { transform: none; }
.waterfall .tick:last-child { transform: translateX(-100%); }
.waterfall .track { position: relative; height: 0.9rem; }
.waterfall .line { padding: 0.12rem 0; border-bottom: 1px solid #f3f4f6; cursor: pointer; }
.waterfall .line:hover { background: #eff6ff; }
.span-row.selected > .line { background: #dbeafe; }
.span-row.error > .line .name { color: var(--danger); font-weight: 700; }
.span-row.critical > .line { box-shadow: inset 4px 0 0 #f59e0b; }
.waterfall .label { display: flex; flex-wrap: wrap; align-items: center; gap: 0.15rem 0; min-width: 0; }
.waterfall .label > * { flex: none; }
.waterfall .label .name { flex: 1 1 5rem; min-width: 0; margin-left: 0.35rem; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.waterfall .dur { text-align: right; font-variant-numeric: tabular-nums; }
.twist { display: inline-block; width: 1.2rem; padding: 0; border: none; background: none; color: var(--ink); font-size: 0.85rem; }
.bar { position: absolute; top: 0.1rem; bottom: 0.1rem; min-width: 2px; border-radius: 3px; }
.bar.error { background-image: repeating-linear-gradient(45deg, transparent 0 4px, rgba(255,255,255,0.45) 4px 8px); outline: 2px solid var(--danger); }
.bar.critical { box-shadow: 0 0 0 2px #f59e0b; }
.loglines { margin: 0.2rem 0 0.4rem 2rem; }
.logline { display: flex; gap: 0.6rem; align-items: baseline; padding: 0.15rem 0.4rem; border-left: 3px solid var(--line); font-size: 0.85rem; }
.logline .body { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; white-space: pre-wrap; word-break: break-word; flex: 1; }
.severity { font-weight: 700; font-size: 0.75rem; padding: 0 0.35rem; border-radius: 4px; }
.sev-error { background: #fee2e2; color: #991b1b; } .sev-warn { background: #fef3c7; color: #92400e; }
.sev-info { background: #dbeafe; color: #1e3a8a; } .sev-debug { background: #f3f4f6; color: #374151; }
.details { position: fixed; top: 4.5rem; right: 1rem; width: min(34rem, 45vw); max-height: calc(100vh - 6rem); overflow: auto; background: var(--panel); border: 2px solid var(--accent); border-radius: 10px; padding: 0.8rem 1rem; box-shadow: 0 10px 30px rgba(0,0,0,0.2); }
.details .heading { display: flex; align-items: center; gap: 0.6rem; }
.details h2 { margin: 0; font-size: 1.05rem; word-break: break-all; flex: 1; }
table.kv th { text-transform: none; letter-spacing: 0; font-size: 0.8rem; width: 40%; word-break: break-all; border-top: 1px solid var(--line); }
table.kv td { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.8rem; word-break: break-all; white-space: pre-wrap; }
`;
