import { context, ROOT_CONTEXT } from '@opentelemetry/api';

/**
 * An in-process work queue drained by a worker started at boot. The worker's timer was created
 * outside any request, so the jobs run in the boot context: the trace context of whoever
 * enqueued them is lost. This is the lost-context fault, and a common real-world bug.
 */
export class BootWorkerQueue {
  private readonly jobs: { run: () => Promise<void>; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private readonly timer: NodeJS.Timeout;
  private draining = false;

  constructor(intervalMs = 5) {
    // Started outside any request or span, as a worker started at boot by a process manager would be.
    this.timer = context.with(ROOT_CONTEXT, () => setInterval(() => void this.drain(), intervalMs));
    this.timer.unref();
  }

  enqueue(run: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => this.jobs.push({ run, resolve, reject }));
  }

  stop(): void {
    clearInterval(this.timer);
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
    }
  }
}
