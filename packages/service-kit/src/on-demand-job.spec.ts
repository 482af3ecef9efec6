import { type JobOutcome, OnDemandJob } from './on-demand-job';

// Fake timers (Date included): the schedule is checked exactly, whatever the machine's load.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

/** A job whose runs are recorded (start times relative to the test's start) and answered by `outcomes`. */
function recordedJob(outcomes: () => JobOutcome, options: { retryMs?: number; sweepMs?: number; runMs?: number } = {}) {
  const t0 = Date.now();
  const runs: number[] = [];
  let inFlight = 0;
  let overlapped = false;
  const job = new OnDemandJob(
    async () => {
      runs.push(Date.now() - t0);
      inFlight += 1;
      overlapped ||= inFlight > 1;
      await sleep(options.runMs ?? 0);
      inFlight -= 1;
      return outcomes();
    },
    { retryMs: options.retryMs ?? 50, sweepMs: options.sweepMs },
  );
  return { job, runs, overlapped: () => overlapped };
}

describe('OnDemandJob', () => {
  const jobs: OnDemandJob[] = [];
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jobs.splice(0).forEach((j) => j.stop());
    jest.useRealTimers();
  });
  const track = <T extends { job: OnDemandJob }>(created: T) => (jobs.push(created.job), created);

  it('never runs while nobody wakes it and it has no sweep', async () => {
    const { job, runs } = track(recordedJob(() => 'done'));
    job.start();
    await advance(300);
    expect(runs).toEqual([]);
  });

  it('runs once per wake-up, and wake-ups that come together make one run', async () => {
    const { job, runs } = track(recordedJob(() => 'done'));
    job.wake();
    job.wake();
    job.wake();
    await advance(100);
    expect(runs).toHaveLength(1);
  });

  it('runs a delayed wake-up no earlier than asked, and keeps a later one when an earlier one comes', async () => {
    const { job, runs } = track(recordedJob(() => 'done'));
    job.wake(300);
    job.wake(100);
    await advance(450);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toBeGreaterThanOrEqual(95);
    expect(runs[1]).toBeGreaterThanOrEqual(295);
  });

  it('runs once more after a run during which it was woken, never two at once', async () => {
    const { job, runs, overlapped } = track(recordedJob(() => 'done', { runMs: 100 }));
    job.wake();
    await advance(30);
    job.wake(); // the run under way may have read its work before this
    job.wake();
    await advance(400);
    expect(runs).toHaveLength(2);
    expect(overlapped()).toBe(false);
  });

  it('retries every retryMs while work fails, and stops once it is done', async () => {
    let failures = 3;
    const { job, runs } = track(recordedJob(() => (failures-- > 0 ? 'retry' : 'done'), { retryMs: 60 }));
    job.wake();
    await advance(600);
    expect(runs).toHaveLength(4);
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(55);
  });

  it('runs again at once while a run reports a full batch', async () => {
    let batches = 3;
    const { job, runs } = track(recordedJob(() => (--batches > 0 ? 'more' : 'done'), { retryMs: 10_000 }));
    job.wake();
    await advance(150);
    expect(runs).toHaveLength(3);
  });

  it('treats a throw as work left for a retry', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const job = new OnDemandJob(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
        return 'done';
      },
      { retryMs: 50, onError: (e) => errors.push(e) },
    );
    jobs.push(job);
    job.wake();
    await advance(250);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('sweeps every sweepMs once started, and not after stop', async () => {
    const { job, runs } = track(recordedJob(() => 'done', { sweepMs: 100 }));
    job.start();
    await advance(350);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(4);
    job.stop();
    const seen = runs.length;
    job.wake();
    await advance(250);
    expect(runs).toHaveLength(seen);
  });
});
