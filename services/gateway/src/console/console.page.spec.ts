import { createHash } from 'node:crypto';
import { CONSOLE_KIT } from './console.kit';
import { CONSOLE_HTML } from './console.page';
import { CONSOLE_SCRIPT } from './console.script';
import { CONSOLE_CONTENT_SECURITY_POLICY } from './console.security';
import { TRACE_PAGE_HTML } from './trace-page';
import { TRACE_SCRIPT } from './trace.script';

const directive = (name: string) =>
  CONSOLE_CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith(`${name} `))?.slice(name.length + 1);

describe.each([
  ['the console page', CONSOLE_HTML, '/console/app.js'],
  ['the trace page', TRACE_PAGE_HTML, '/console/trace.js'],
])('%s', (_name, html, script) => {
  it('allows exactly its inline stylesheet by hash, and no inline code at all', () => {
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!, 'utf8').digest('base64');
    expect(directive('style-src')).toBe(`'sha256-${hash}'`);
    expect(directive('script-src')).toBe("'self'");
    expect(CONSOLE_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/);
  });

  it('loads the shared kit, then its own script', () => {
    expect(html).toContain(`<script src="/console/kit.js" defer></script>\n<script src="${script}" defer></script>`);
  });
});

describe('the console scripts', () => {
  it.each([
    ['kit.js', CONSOLE_KIT],
    ['app.js', CONSOLE_SCRIPT],
    ['trace.js', TRACE_SCRIPT],
  ])('%s is valid JavaScript that never writes markup', (_name, source) => {
    expect(() => new Function(source)).not.toThrow();
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|setAttribute\(\s*'style'/);
  });
});
