import { parseArgs } from 'node:util';
import {
  DEFAULT_LAST,
  DEFAULT_VICTORIALOGS_URL,
  diagnose,
  type DiagnoseOptions,
  InvalidTraceIdError,
  parseTraceId,
  readTraceLogs,
  renderReport,
  renderTraceLogs,
  type TraceLogLine,
} from '@tracelab/trace-doctor';

const USAGE = `usage: pnpm lab doctor [--trace <id> | --last <n>] [--source jaeger|local] [options]

Judges recent checkout traces: waterfall, critical path, self time, and whether
the trace context crossed every hop (gateway → order → inventory/payment →
fraud-detection, order → notification over RabbitMQ).

  --trace <id>           one trace (32 hex digits), plus the other traces of its order,
                         and its log lines under the waterfall
  --last <n>             the n most recent POST /orders traces (default ${DEFAULT_LAST})
  --source <source>      jaeger (default) or local (the test OTLP receiver)
  --jaeger-url <url>     default $JAEGER_URL or http://localhost:16686
  --receiver-url <url>   default $RECEIVER_URL or http://127.0.0.1:4318
  --logs-url <url>       VictoriaLogs, read with --source jaeger (default $VICTORIALOGS_URL or
                         ${DEFAULT_VICTORIALOGS_URL}); --source local reads the receiver's logs
  --wait <ms>            re-read until the traces look complete or <ms> pass (default 0)
  --json                 print the report as JSON
  -h, --help             show this help

exit codes: 0 whole, 1 broken (or no traces), 2 bad arguments, 3 traces could not be read
`;

export const EXIT = { WHOLE: 0, BROKEN: 1, USAGE: 2, UNREADABLE: 3 } as const;

export interface DoctorIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

const processIo: DoctorIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/** `pnpm lab doctor ...`: prints the report and returns the exit code. */
export async function doctorCommand(argv: string[], io: DoctorIo = processIo): Promise<number> {
  const parsed = parseDoctorArgs(argv, io.env);
  if (parsed === 'help') {
    io.stdout.write(USAGE);
    return EXIT.WHOLE;
  }
  if (typeof parsed === 'string') {
    io.stderr.write(`doctor: ${parsed}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  let report;
  try {
    report = await diagnose(parsed.options);
  } catch (error) {
    const where = parsed.options.source === 'local' ? `the receiver at ${parsed.options.receiverUrl}` : `Jaeger at ${parsed.options.jaegerUrl}`;
    io.stderr.write(`doctor: cannot read traces from ${where}: ${describeError(error)}\n`);
    return EXIT.UNREADABLE;
  }
  const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
  const logs = parsed.options.traceId ? await readLogs(parsed.options.traceId, parsed, io) : undefined;
  if (parsed.json) {
    io.stdout.write(`${JSON.stringify(logs ? { ...report, logs: logs.lines } : report, null, 2)}\n`);
  } else {
    io.stdout.write(renderReport(report, { color }));
    if (logs) {
      const jaegerUiUrl = parsed.options.source === 'jaeger' ? parsed.options.jaegerUrl : undefined;
      io.stdout.write(`\n${renderTraceLogs(parsed.options.traceId!, logs.lines, { color, traces: report.traces, source: logs.where, ...(jaegerUiUrl ? { jaegerUiUrl } : {}) })}`);
    }
  }
  return report.whole ? EXIT.WHOLE : EXIT.BROKEN;
}

/**
 * The trace's log lines, from VictoriaLogs beside Jaeger or from the receiver beside its spans.
 * Logs that cannot be read are said on stderr; the verdict, about the trace, stands.
 */
async function readLogs(traceId: string, parsed: DoctorArgs, io: DoctorIo): Promise<{ lines: TraceLogLine[]; where: string } | undefined> {
  const local = parsed.options.source === 'local';
  const where = local ? `the receiver at ${parsed.options.receiverUrl}` : `VictoriaLogs at ${parsed.logsUrl}`;
  try {
    const lines = await readTraceLogs(traceId, local ? { source: 'local', receiverUrl: parsed.options.receiverUrl } : { victoriaLogsUrl: parsed.logsUrl });
    return { lines, where };
  } catch (error) {
    io.stderr.write(`doctor: cannot read the trace's log lines from ${where}: ${describeError(error)}\n`);
    return undefined;
  }
}

interface DoctorArgs {
  options: DiagnoseOptions & { jaegerUrl: string; receiverUrl: string };
  logsUrl: string;
  json: boolean;
}

/** The parsed arguments, `'help'`, or what is wrong with them. */
function parseDoctorArgs(argv: string[], env: NodeJS.ProcessEnv): DoctorArgs | 'help' | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        trace: { type: 'string' },
        last: { type: 'string' },
        source: { type: 'string', default: 'jaeger' },
        'jaeger-url': { type: 'string', default: env.JAEGER_URL || 'http://localhost:16686' },
        'receiver-url': { type: 'string', default: env.RECEIVER_URL || 'http://127.0.0.1:4318' },
        'logs-url': { type: 'string', default: env.VICTORIALOGS_URL || DEFAULT_VICTORIALOGS_URL },
        wait: { type: 'string', default: '0' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.help) return 'help';
  if (values.trace !== undefined && values.last !== undefined) return '--trace and --last cannot be used together';
  let traceId: string | undefined;
  try {
    traceId = values.trace === undefined ? undefined : parseTraceId(values.trace);
  } catch (error) {
    if (error instanceof InvalidTraceIdError) return `--trace: ${error.message}`;
    throw error;
  }
  if (values.source !== 'jaeger' && values.source !== 'local') return `--source must be jaeger or local, got '${values.source}'`;
  const last = values.last === undefined ? DEFAULT_LAST : wholeNumber(values.last);
  if (last === undefined || last < 1) return `--last wants a whole number of at least 1, got '${values.last}'`;
  const waitMs = wholeNumber(values.wait);
  if (waitMs === undefined) return `--wait wants milliseconds, got '${values.wait}'`;
  for (const flag of ['jaeger-url', 'receiver-url', 'logs-url'] as const) {
    if (!URL.canParse(values[flag])) return `--${flag} wants a URL, got '${values[flag]}'`;
  }
  return {
    json: values.json,
    logsUrl: values['logs-url'],
    options: {
      source: values.source,
      ...(traceId !== undefined ? { traceId } : { last }),
      jaegerUrl: values['jaeger-url'],
      receiverUrl: values['receiver-url'],
      waitMs,
    },
  };
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

// fetch() reports a refused connection as "fetch failed"; the useful part is in `cause`.
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message;
}
