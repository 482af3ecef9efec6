import { context, ROOT_CONTEXT } from '@opentelemetry/api';

/**
 * An in-process work queue drained by a worker timer that lives in the boot context, as a worker
 * started at boot by a process manager would: whoever enqueues, the jobs run outside any request,
 * so the trace context of the enqueuer is lost. This is the lost-context fault, and a common
 * real-world bug. The timer runs only while jobs wait, so an idle service does no work for it.
 */
export class BootWorkerQueue {
  private readonly jobs: { run: () => Promise<void>; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining = false;

  constructor(private readonly intervalMs = 5) {}

  enqueue(run: () => Promise<void>): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.jobs.push({ run, resolve, reject }));
    this.wake();
    return done;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private wake(): void {
    if (this.timer) return;
    // Created in the root context, not the caller's: that is the bug this queue reproduces.
    this.timer = context.with(ROOT_CONTEXT, () => setInterval(() => void this.drain(), this.intervalMs));
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
        await job.run().then(job.resolve, job.reject);
      }
    } finally {
      this.draining = false;
      if (this.jobs.length === 0) this.stop();
    }
  }
}
