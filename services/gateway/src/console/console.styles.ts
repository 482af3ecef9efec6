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
`;
