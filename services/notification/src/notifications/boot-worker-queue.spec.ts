import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BootWorkerQueue } from './boot-worker-queue';

const REQUEST = createContextKey('request');

describe('BootWorkerQueue', () => {
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it('runs jobs outside the context of whoever enqueued them (the lost-context bug)', async () => {
    const queue = new BootWorkerQueue(1);
    let seen: unknown = 'not run';
    await context.with(ROOT_CONTEXT.setValue(REQUEST, 'order-42'), () =>
      queue.enqueue(async () => {
        seen = context.active().getValue(REQUEST);
      }),
    );
    expect(seen).toBeUndefined();
    queue.stop();
  });

  it('runs every job once, in order, and keeps no timer while nothing waits', async () => {
    const queue = new BootWorkerQueue(1);
    const ran: number[] = [];
    await Promise.all([1, 2, 3].map((n) => queue.enqueue(async () => void ran.push(n))));
    expect(ran).toEqual([1, 2, 3]);
    expect((queue as unknown as { timer: unknown }).timer).toBeUndefined();
    await queue.enqueue(async () => void ran.push(4));
    expect(ran).toEqual([1, 2, 3, 4]);
  });

  it('passes a job’s failure to its caller and goes on with the next', async () => {
    const queue = new BootWorkerQueue(1);
    const failing = queue.enqueue(async () => {
      throw new Error('smtp down');
    });
    const next = queue.enqueue(async () => undefined);
    await expect(failing).rejects.toThrow('smtp down');
    await expect(next).resolves.toBeUndefined();
  });
});
