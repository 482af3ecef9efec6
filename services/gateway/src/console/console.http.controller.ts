import { Controller, Get, Header } from '@nestjs/common';
import { CONSOLE_HTML } from './console.page';
import { CONSOLE_SCRIPT } from './console.script';
import { CONSOLE_CONTENT_SECURITY_POLICY } from './console.security';

/** The workshop console: a static page whose script calls the admin API with the user's token. */
@Controller('console')
export class ConsoleHttpController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CONSOLE_CONTENT_SECURITY_POLICY)
  @Header('x-content-type-options', 'nosniff')
  @Header('referrer-policy', 'no-referrer')
  @Header('cache-control', 'no-cache')
  page(): string {
    return CONSOLE_HTML;
  }

  @Get('app.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'no-cache')
  script(): string {
    return CONSOLE_SCRIPT;
  }
}
