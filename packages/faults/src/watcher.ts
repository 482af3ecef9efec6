import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { Pool } from '@tracelab/db';
import type { FaultName } from './catalogue';
import { FaultStore, type FaultState } from './store';

export type FaultListener = (state: FaultState) => void | Promise<void>;

/**
 * Each service's view of the fault switches: polled from Postgres every `intervalMs`, so a
 * change reaches every service within a second and survives restarts.
 */
export class FaultWatcher {
  private readonly store: FaultStore;
  private states = new Map<FaultName, FaultState>();
  private readonly listeners: { name: FaultName; listener: FaultListener }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(pool: Pool, private readonly intervalMs = 500, private readonly onError: (error: unknown) => void = () => undefined) {
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

  async start(): Promise<void> {
    // Polling is housekeeping: untraced, and detached from whatever span started the service.
    await context.with(suppressTracing(ROOT_CONTEXT), async () => {
      await this.refresh();
      this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    });
    this.timer?.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    let states: FaultState[];
    try {
      states = await this.store.list();
    } catch (error) {
      this.onError(error);
      return;
    }
    for (const state of states) {
      const previous = this.states.get(state.name);
      this.states.set(state.name, state);
      if (previous && previous.enabled === state.enabled && JSON.stringify(previous.params) === JSON.stringify(state.params)) continue;
      for (const { name, listener } of this.listeners) if (name === state.name) await this.notify(listener, state);
    }
  }

  private async notify(listener: FaultListener, state: FaultState): Promise<void> {
    try {
      await listener(state);
    } catch (error) {
      this.onError(error);
    }
  }
}
