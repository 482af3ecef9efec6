import { createHash } from 'node:crypto';
import { CONSOLE_HTML } from './console.page';
import { CONSOLE_SCRIPT } from './console.script';
import { CONSOLE_CONTENT_SECURITY_POLICY } from './console.security';

const directive = (name: string) =>
  CONSOLE_CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith(`${name} `))?.slice(name.length + 1);

describe('the console page', () => {
  it('allows exactly its inline stylesheet by hash, and no inline code at all', () => {
    const styles = [...CONSOLE_HTML.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!, 'utf8').digest('base64');
    expect(directive('style-src')).toBe(`'sha256-${hash}'`);
    expect(directive('script-src')).toBe("'self'");
    expect(CONSOLE_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONSOLE_HTML).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(CONSOLE_HTML).not.toMatch(/\sstyle=|\son[a-z]+=/);
  });

  it('loads a script that is valid JavaScript', () => {
    expect(CONSOLE_HTML).toContain('<script src="/console/app.js" defer></script>');
    expect(() => new Function(CONSOLE_SCRIPT)).not.toThrow();
  });
});
