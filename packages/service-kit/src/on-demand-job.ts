import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

/** What one run found: nothing left, a full batch (run again now), or work that failed (retry later). */
export type JobOutcome = 'done' | 'more' | 'retry';

export interface OnDemandJobOptions {
  /** Wait before running again after 'retry' (or a throw). */
  retryMs: number;
  /** A run every `sweepMs` as a safety net for wake-ups that never came; none when unset. */
  sweepMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Background work that runs only when there is some: when woken (now or after a delay), again
 * while a run reports work left, and on a slow sweep. Idle, it holds no timer but the sweep's.
 * Runs never overlap; a wake-up that comes during a run gets a run of its own after it. Runs are
 * housekeeping: untraced and detached from whatever span woke them.
 */
export class OnDemandJob {
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  /** The latest time a run was asked for: a run must start at or after it. */
  private wantedAt = -Infinity;
  private running = false;
  /** Woken for "now" while a run was under way: it may have read its work before the change. */
  private again = false;
  private stopped = false;
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly work: () => Promise<JobOutcome>,
    private readonly options: OnDemandJobOptions,
  ) {}

  /** Starts the sweep (if any); runs happen only when woken until then. */
  start(): void {
    if (this.options.sweepMs === undefined || this.sweeper) return;
    this.sweeper = housekeeping(() => setInterval(() => this.wake(), this.options.sweepMs));
    this.sweeper.unref();
  }

  /** Asks for a run that starts no earlier than `delayMs` from now. */
  wake(delayMs = 0): void {
    const at = Date.now() + delayMs;
    if (this.running && delayMs <= 0) this.again = true;
    this.wantedAt = Math.max(this.wantedAt, at);
    this.schedule(at);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.sweeper);
  }

  private schedule(at: number): void {
    if (this.stopped || this.running || this.timerAt <= at) return; // a running job reschedules itself
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = housekeeping(() => setTimeout(() => void this.run(), Math.max(0, at - Date.now())));
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.timerAt = Infinity;
    this.running = true;
    this.again = false;
    const startedAt = Date.now();
    let next: number | undefined;
    try {
      const outcome = await this.work();
      if (outcome === 'more') next = 0;
      if (outcome === 'retry') next = this.options.retryMs;
    } catch (error) {
      this.options.onError?.(error);
      next = this.options.retryMs;
    } finally {
      this.running = false;
    }
    const now = Date.now();
    if (next !== undefined) this.schedule(now + next);
    if (this.again) this.schedule(now);
    if (this.wantedAt > startedAt) this.schedule(Math.max(now, this.wantedAt));
  }
}

function housekeeping<T>(create: () => T): T {
  return context.with(suppressTracing(ROOT_CONTEXT), create);
}
