import { createHash } from 'node:crypto';
import { CONSOLE_CSS } from './console.styles';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Only the page's own script file, its one inline stylesheet (by hash, so no 'unsafe-inline'),
 * and fetches back to the gateway. Trace links leave through plain navigation, which CSP allows.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src ${sha256(CONSOLE_CSS)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
