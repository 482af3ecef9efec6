import { prettyFactory } from 'pino-pretty';

/** Turns one line a service wrote (pino JSON, or any text) into the line shown on the terminal. */
export type LineFormatter = (service: string, line: string) => string;

/** How `pnpm start:local` shows the services' logs: readable lines, or the raw JSON. */
export type TerminalLogs = 'pretty' | 'json';

/**
 * Colours only for a terminal that can show them: NO_COLOR (no-color.org) and TERM=dumb turn them
 * off, FORCE_COLOR (other than 0) on. Unlike colorette's own check, CI=true alone does not colour
 * a pipe.
 */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

interface PinoLine {
  context?: unknown;
  req?: { method?: unknown; url?: unknown };
  res?: { statusCode?: unknown };
  responseTime?: unknown;
  err?: { type?: unknown; message?: unknown };
  trace_id?: unknown;
}

/** Trace ids are 32 hex digits; 8 are enough to tell the traces of a session apart and to grep. */
export const SHORT_TRACE_ID = 8;

/**
 * One line per log event, made by pino-pretty: time, level, (service), the message with what a
 * learner reads in it (Nest context, request and answer, error message) and the trace id,
 * shortened; other fields stay on the same line as compact JSON. The whole object, stack traces
 * included, is in .local/logs/<service>.log.
 */
export function prettyLines({ colorize }: { colorize: boolean }): LineFormatter {
  const prettify = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: 'pid,hostname,context,req,res,responseTime,err,trace_id,span_id,trace_flags',
    messageFormat: (log, messageKey, _level, { colors }) => {
      const { context, req, res, responseTime, err, trace_id: traceId } = log as PinoLine;
      const parts = [
        typeof context === 'string' ? colors.gray(`[${context}]`) : '',
        String(log[messageKey] ?? ''),
        req?.method ? `${String(req.method)} ${String(req.url)}` : '',
        res?.statusCode ? `→ ${String(res.statusCode)}` : '',
        typeof responseTime === 'number' ? `${responseTime} ms` : '',
        err?.message ? colors.red(`${String(err.type ?? 'Error')}: ${String(err.message)}`) : '',
        typeof traceId === 'string' ? colors.gray(`trace ${traceId.slice(0, SHORT_TRACE_ID)}`) : '',
      ];
      return parts.filter(Boolean).join(' ');
    },
  });
  return (service, line) => {
    let parsed: unknown;
    try {
      parsed = line.startsWith('{') ? JSON.parse(line) : undefined;
    } catch {
      parsed = undefined;
    }
    // Not a pino line (a Node warning, a stack trace on stderr): shown as it is, with its service.
    if (!parsed || typeof parsed !== 'object' || !('level' in parsed)) return `(${service}) ${line}`;
    return prettify({ ...parsed, name: service }).replace(/\r?\n$/, '');
  };
}

/** The raw line, prefixed with its service: the JSON after the prefix is the log file's line. */
export const rawLines: LineFormatter = (service, line) => `[${service}] ${line}`;
