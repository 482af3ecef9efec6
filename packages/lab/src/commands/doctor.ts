import { parseArgs } from 'node:util';
import { DEFAULT_LAST, diagnose, type DiagnoseOptions, renderReport } from '@tracelab/trace-doctor';

const USAGE = `usage: pnpm lab doctor [--trace <id> | --last <n>] [--source jaeger|local] [options]

Judges recent checkout traces: waterfall, critical path, self time, and whether
the trace context crossed every hop (gateway → order → inventory/payment →
fraud-detection, order → notification over RabbitMQ).

  --trace <id>           one trace, plus the other traces of its order
  --last <n>             the n most recent POST /orders traces (default ${DEFAULT_LAST})
  --source <source>      jaeger (default) or local (the test OTLP receiver)
  --jaeger-url <url>     default $JAEGER_URL or http://localhost:16686
  --receiver-url <url>   default $RECEIVER_URL or http://127.0.0.1:4318
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
  io.stdout.write(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, { color }));
  return report.whole ? EXIT.WHOLE : EXIT.BROKEN;
}

interface DoctorArgs {
  options: DiagnoseOptions & { jaegerUrl: string; receiverUrl: string };
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
  if (values.trace !== undefined && !/^[0-9a-f]{1,32}$/i.test(values.trace)) return `--trace wants a hex trace id, got '${values.trace}'`;
  if (values.source !== 'jaeger' && values.source !== 'local') return `--source must be jaeger or local, got '${values.source}'`;
  const last = values.last === undefined ? DEFAULT_LAST : wholeNumber(values.last);
  if (last === undefined || last < 1) return `--last wants a whole number of at least 1, got '${values.last}'`;
  const waitMs = wholeNumber(values.wait);
  if (waitMs === undefined) return `--wait wants milliseconds, got '${values.wait}'`;
  for (const flag of ['jaeger-url', 'receiver-url'] as const) {
    if (!URL.canParse(values[flag])) return `--${flag} wants a URL, got '${values[flag]}'`;
  }
  return {
    json: values.json,
    options: {
      source: values.source,
      ...(values.trace !== undefined ? { traceId: values.trace } : { last }),
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
