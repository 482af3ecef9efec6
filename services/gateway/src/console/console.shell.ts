import { CONSOLE_CSS } from './console.styles';

const CONSOLE_KIT_PATH = '/console/kit.js';

/** The box that opens any trace id's page (kit.js's wireTraceBox); the gateway answers 400 for a malformed one. */
export const TRACE_BOX = `<form class="trace-box" data-testid="trace-box">
  <label for="trace-box-input" class="subtitle">Trace id</label>
  <input id="trace-box-input" data-testid="trace-box-input" type="text" autocomplete="off" spellcheck="false" placeholder="32 hex digits">
  <button data-testid="trace-box-open" type="submit">Open</button>
</form>`;

/**
 * A console page: the one stylesheet (allowed by its hash in the CSP), kit.js then the page's own
 * script, and a header with the admin-token form. No inline code, no data: the script fills it in.
 */
export function consolePage(page: { title: string; script: string; heading: string; subtitle: string; header?: string; main: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<link rel="icon" href="data:,">
<style>${CONSOLE_CSS}</style>
<script src="${CONSOLE_KIT_PATH}" defer></script>
<script src="${page.script}" defer></script>
</head>
<body>
<header>
  <h1>${page.heading}</h1>
  <span class="subtitle">${page.subtitle}</span>
${page.header ?? ''}
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
${page.main}
</main>
</body>
</html>
`;
}
