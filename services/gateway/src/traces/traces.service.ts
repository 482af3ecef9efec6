import { Inject, Injectable, Optional } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { AppError, APP_CONFIG, ErrorCode } from '@tracelab/service-kit';
import { type DiagnoseOptions, type Examination, examine } from '@tracelab/trace-doctor';
import type { GatewayConfig } from '../config';
import { TRACE_LOG_READER, type TraceLogReader, type TraceLogs } from './trace-logs';
import { maskedLines, type RecentTrace, recentTraces, traceView, type TraceView } from './trace-view';

class OverBudget extends Error {}

/** The console's trace page and recent-traces list: the trace doctor's readers and verdict, read server-side. */
@Injectable()
export class TracesService {
  private readonly where: string;
  private readonly options: DiagnoseOptions;

  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    @Optional() @Inject(TRACE_LOG_READER) private readonly logReader: TraceLogReader | null = null,
  ) {
    const local = config.TRACE_SOURCE === 'local';
    this.where = local ? `the local receiver at ${config.TRACE_RECEIVER_URL}` : `Jaeger at ${config.JAEGER_QUERY_URL}`;
    // waitMs 0: one read, the page asks again when the learner reloads.
    this.options = local
      ? { source: 'local', receiverUrl: config.TRACE_RECEIVER_URL, waitMs: 0 }
      : { source: 'jaeger', jaegerUrl: config.JAEGER_QUERY_URL, waitMs: 0 };
  }

  async trace(traceId: string): Promise<TraceView & { logs: TraceLogs }> {
    const [examination, logs] = await Promise.all([this.examine({ traceId }), this.logs(traceId)]);
    const view = traceView(traceId, this.where, examination);
    if (!view) {
      throw new AppError(
        404,
        ErrorCode.NotFound,
        `trace ${traceId} is not (yet) in ${this.where}. The collector's tail sampling holds a trace until its decision wait ` +
          'has passed (10 s by default) before it keeps or drops it, and a dropped trace never arrives: try again in a few seconds.',
        { traceId, source: this.where },
      );
    }
    return { ...view, logs };
  }

  async recent(limit: number): Promise<{ source: string; traces: RecentTrace[] }> {
    const { report } = await this.examine({ last: limit });
    return { source: this.where, traces: recentTraces(report, this.config.SLOW_TRACE_THRESHOLD_MS, limit) };
  }

  private async examine(selection: Pick<DiagnoseOptions, 'traceId' | 'last'>): Promise<Examination> {
    try {
      return await withinBudget(untraced(() => examine({ ...this.options, ...selection })), this.config.TRACE_READ_BUDGET_MS);
    } catch (error) {
      const reason = error instanceof OverBudget ? `did not answer within ${this.config.TRACE_READ_BUDGET_MS} ms` : `cannot be read: ${describe(error)}`;
      throw new AppError(503, ErrorCode.DependencyUnavailable, `traces: ${this.where} ${reason}`, { source: this.where });
    }
  }

  private async logs(traceId: string): Promise<TraceLogs> {
    const reader = this.logReader;
    if (!reader) return { state: 'not-configured', message: 'no log store configured (LOG_STORE), so the trace is shown without its log lines' };
    try {
      const lines = await withinBudget(untraced(() => reader.read(traceId)), this.config.TRACE_READ_BUDGET_MS);
      return { state: 'read', where: reader.where, lines: maskedLines(lines) };
    } catch (error) {
      const reason = error instanceof OverBudget ? `did not answer within ${this.config.TRACE_READ_BUDGET_MS} ms` : `cannot be read: ${describe(error)}`;
      return { state: 'unavailable', message: `log lines: ${reader.where} ${reason}` };
    }
  }
}

/**
 * Reading traces must not make traces: the page's calls to Jaeger or the receiver would otherwise
 * be exported as root client spans of the gateway, and the doctor would take one that happened
 * during a checkout for a fragment of it.
 */
const untraced = <T>(read: () => Promise<T>): Promise<T> => context.with(suppressTracing(context.active()), read);

/** The promise, or OverBudget after `ms`: the page answers within its budget even when a store hangs. */
function withinBudget<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OverBudget()), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

// fetch() reports a refused connection as "fetch failed"; the useful part is in `cause`. (Duck-typed:
// an error made in another realm, as fetch's are under a test runner, fails instanceof Error.)
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: string; message?: string } };
  if (typeof message !== 'string') return String(error);
  return cause ? `${message} (${cause.code ?? cause.message})` : message;
}
