import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { PgListener, Pool } from '@tracelab/db';
import type { FaultName } from './catalogue';
import { FaultStore, type FaultState } from './store';

export type FaultListener = (state: FaultState) => void | Promise<void>;

/** Announced by a trigger on the faults table in the transaction that changes a switch. */
export const FAULTS_CHANNEL = 'tracelab_faults';

/** A read that failed (the database away) is tried again after this, until one succeeds. */
const RETRY_READ_MS = 1000;

/**
 * Each service's view of the fault switches. It reads the table when a change is announced on
 * FAULTS_CHANNEL, and again whenever the listener (re)connects, since a change announced while
 * it was away is never delivered. Nothing is polled: idle, it makes no query at all.
 */
export class FaultWatcher {
  private readonly store: FaultStore;
  private states = new Map<FaultName, FaultState>();
  private readonly listeners: { name: FaultName; listener: FaultListener }[] = [];
  private reading?: Promise<void>;
  private readAgain = false;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    pool: Pool,
    private readonly notifications: Pick<PgListener, 'subscribe'>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.store = new FaultStore(pool);
  }

  isOn(name: FaultName): boolean {
    return this.states.get(name)?.enabled ?? false;
  }

  /** Params of a fault that is on, or undefined when it is off. */
  paramsIfOn<T extends Record<string, unknown>>(name: FaultName): T | undefined {
    const state = this.states.get(name);
    return state?.enabled ? (state.params as T) : undefined;
  }

  /** Called once with the current state at start, then on every change. */
  on(name: FaultName, listener: FaultListener): void {
    this.listeners.push({ name, listener });
    const state = this.states.get(name);
    if (state) void this.notify(listener, state);
  }

  /** Resolves with the switches read. */
  async start(): Promise<void> {
    const reread = () => void this.refresh();
    await this.notifications.subscribe(FAULTS_CHANNEL, { notified: reread, listening: reread });
    await this.refresh();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** One read at a time; a change announced during a read makes one more read after it. */
  private refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    // Housekeeping: untraced, and detached from whatever span is active.
    this.reading = context.with(suppressTracing(ROOT_CONTEXT), async () => {
      let read = false;
      try {
        do {
          this.readAgain = false;
          read = await this.read();
        } while (this.readAgain && !this.stopped);
      } finally {
        this.reading = undefined;
      }
      if (!read && !this.stopped) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.refresh(), RETRY_READ_MS);
        this.retryTimer.unref();
      }
    });
    return this.reading;
  }

  /** False when the table could not be read. */
  private async read(): Promise<boolean> {
    let states: FaultState[];
    try {
      states = await this.store.list();
    } catch (error) {
      this.onError(error);
      return false;
    }
    for (const state of states) {
      const previous = this.states.get(state.name);
      this.states.set(state.name, state);
      if (previous && previous.enabled === state.enabled && JSON.stringify(previous.params) === JSON.stringify(state.params)) continue;
      // Not awaited: a slow reaction (fraud-detection rebuilding an index) holds up no other switch.
      for (const { name, listener } of this.listeners) if (name === state.name) void this.notify(listener, state);
    }
    return true;
  }

  private async notify(listener: FaultListener, state: FaultState): Promise<void> {
    try {
      await listener(state);
    } catch (error) {
      this.onError(error);
    }
  }
}
