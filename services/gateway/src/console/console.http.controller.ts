import { applyDecorators, Controller, Get, Header, Param } from '@nestjs/common';
import { parseTraceId } from '../traces/trace-id';
import { CONSOLE_KIT } from './console.kit';
import { CONSOLE_HTML } from './console.page';
import { CONSOLE_SCRIPT } from './console.script';
import { CONSOLE_CONTENT_SECURITY_POLICY } from './console.security';
import { TRACE_PAGE_HTML } from './trace-page';
import { TRACE_SCRIPT } from './trace.script';

const headers = (pairs: [string, string][]) => applyDecorators(...pairs.map(([name, value]) => Header(name, value)));
const PageHeaders = () =>
  headers([
    ['content-type', 'text/html; charset=utf-8'],
    ['content-security-policy', CONSOLE_CONTENT_SECURITY_POLICY],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'no-referrer'],
    ['cache-control', 'no-cache'],
  ]);
const ScriptHeaders = () =>
  headers([
    ['content-type', 'text/javascript; charset=utf-8'],
    ['x-content-type-options', 'nosniff'],
    ['cache-control', 'no-cache'],
  ]);

/**
 * The workshop console: static pages whose scripts call the admin API with the user's token.
 * The pages themselves carry no data, so they need no token; the API behind them does.
 */
@Controller('console')
export class ConsoleHttpController {
  @Get()
  @PageHeaders()
  page(): string {
    return CONSOLE_HTML;
  }

  /** One trace: a malformed id is refused here (400) before the page loads; an unknown one is the page's to explain. */
  @Get('traces/:traceId')
  @PageHeaders()
  tracePage(@Param('traceId') traceId: string): string {
    parseTraceId(traceId);
    return TRACE_PAGE_HTML;
  }

  @Get('kit.js')
  @ScriptHeaders()
  kit(): string {
    return CONSOLE_KIT;
  }

  @Get('app.js')
  @ScriptHeaders()
  script(): string {
    return CONSOLE_SCRIPT;
  }

  @Get('trace.js')
  @ScriptHeaders()
  traceScript(): string {
    return TRACE_SCRIPT;
  }
}
