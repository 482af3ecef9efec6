import { Client } from 'pg';

export interface ChannelHandler {
  /** A NOTIFY arrived on the channel. */
  notified(payload: string): void;
  /**
   * LISTEN is in place, at subscription and again after every reconnect. A NOTIFY sent while the
   * connection was down is lost for good: re-read whatever the channel announces changes of.
   */
  listening(): void;
}

export interface ListenerOptions {
  connectionString: string;
  applicationName: string;
  /** Wait before the first reconnect; doubled per failed attempt up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How often the idle connection is checked with `SELECT 1`: a connection cut without a reset
   * (a dead host, a NAT dropping it) never reports an error by itself and would stay deaf.
   */
  checkEveryMs?: number;
  /** A check (or a LISTEN) not answered within this counts as a lost connection. */
  queryTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * One connection per process that LISTENs on behalf of every subscriber, reconnecting with
 * backoff whenever it is lost and LISTENing again. It never ends the process: each failure goes
 * to `onError`.
 */
export class PgListener {
  private client?: Client;
  private readonly channels = new Map<string, ChannelHandler[]>();
  private closed = false;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private checkTimer?: NodeJS.Timeout;
  private readonly options: Required<Omit<ListenerOptions, 'onError'>> & Pick<ListenerOptions, 'onError'>;

  constructor(options: ListenerOptions) {
    this.options = { minBackoffMs: 100, maxBackoffMs: 5000, checkEveryMs: 60_000, queryTimeoutMs: 5000, ...options };
  }

  /** Connected and LISTENing right now. */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** The backend pid of the LISTEN connection (to tell it apart in pg_stat_activity), if connected. */
  get backendPid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  /** Makes the first connection; when that fails, keeps trying in the background. */
  start(): Promise<void> {
    return this.connect();
  }

  /**
   * Adds a handler for `channel`; its `listening()` is called once LISTEN is in place (now when
   * connected, else after the connection is made).
   */
  async subscribe(channel: string, handler: ChannelHandler): Promise<void> {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
    const handlers = this.channels.get(channel) ?? [];
    this.channels.set(channel, [...handlers, handler]);
    const client = this.client;
    if (!client) return;
    if (handlers.length === 0) {
      try {
        await client.query(`LISTEN ${channel}`);
      } catch (error) {
        this.lost(client, error);
        return;
      }
    }
    if (this.client === client) this.call(() => handler.listening());
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.checkTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      keepAlive: true,
      connectionTimeoutMillis: this.options.queryTimeoutMs,
      query_timeout: this.options.queryTimeoutMs,
    });
    client.on('notification', ({ channel, payload }) => this.dispatch(channel, payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('LISTEN connection ended')));
    try {
      await client.connect();
      // Map iteration also visits channels subscribed while this runs.
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.end().catch(() => undefined);
      this.options.onError?.(error);
      this.retryLater();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.scheduleCheck(client);
    for (const handlers of this.channels.values()) for (const handler of handlers) this.call(() => handler.listening());
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return; // not yet connected (connect() handles it) or already replaced
    this.client = undefined;
    clearTimeout(this.checkTimer);
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.onError?.(error);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed) return;
    const delay = Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** this.failures);
    this.failures += 1;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  private scheduleCheck(client: Client): void {
    this.checkTimer = setTimeout(() => {
      client.query('SELECT 1').then(
        () => this.client === client && this.scheduleCheck(client),
        (error: unknown) => this.lost(client, error),
      );
    }, this.options.checkEveryMs);
    this.checkTimer.unref();
  }

  private dispatch(channel: string, payload: string): void {
    for (const handler of this.channels.get(channel) ?? []) this.call(() => handler.notified(payload));
  }

  private call(handle: () => void): void {
    try {
      handle();
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
