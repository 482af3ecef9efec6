import { createServer, type Server, Socket } from 'node:net';
import { Client } from 'pg';
import { type ChannelHandler, PgListener } from './listener';

// Real Postgres (the one the services use); connections are killed the way an operator kills them.
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CHANNEL = `listener_spec_${process.pid}`;

/** Records what a subscriber is told, and lets a test wait for the next call. */
class Recorder implements ChannelHandler {
  payloads: string[] = [];
  listenings = 0;
  private waiters: (() => void)[] = [];
  notified(payload: string): void {
    this.payloads.push(payload);
    this.wake();
  }
  listening(): void {
    this.listenings += 1;
    this.wake();
  }
  async until(what: string, done: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
  private wake(): void {
    this.waiters.splice(0).forEach((resolve) => resolve());
  }
}

describe('PgListener against real Postgres', () => {
  const admin = new Client({ connectionString: URL });
  const listeners: PgListener[] = [];
  const errors: unknown[] = [];
  const listener = (options: Partial<ConstructorParameters<typeof PgListener>[0]> = {}) => {
    const created = new PgListener({ connectionString: URL, applicationName: 'tracelab-listener-spec', onError: (e) => errors.push(e), ...options });
    listeners.push(created);
    return created;
  };
  const notify = (payload: string) => admin.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await Promise.all(listeners.map((l) => l.stop()));
    await admin.end();
  });

  it('tells a subscriber that it listens, then hands it each NOTIFY with its payload', async () => {
    const l = listener();
    await l.start();
    const recorder = new Recorder();
    await l.subscribe(CHANNEL, recorder);
    expect(recorder.listenings).toBe(1);
    await notify('one');
    await notify('two');
    await recorder.until('two notifications', () => recorder.payloads.length === 2);
    expect(recorder.payloads).toEqual(['one', 'two']);
  });

  it('reconnects after its backend is killed, LISTENs again and tells the subscriber to re-read', async () => {
    const l = listener();
    await l.start();
    const recorder = new Recorder();
    await l.subscribe(CHANNEL, recorder);
    const killed = l.backendPid!;
    const errorsBefore = errors.length;
    await admin.query('SELECT pg_terminate_backend($1)', [killed]);
    await recorder.until('listening again', () => recorder.listenings === 2);
    expect(l.backendPid).not.toBe(killed);
    expect(errors.length).toBeGreaterThan(errorsBefore);
    await notify('after the kill');
    await recorder.until('a notification on the new connection', () => recorder.payloads.includes('after the kill'));
  });

  it('keeps trying while Postgres is unreachable, and subscribers wait for the connection', async () => {
    const proxy = await freezableProxy();
    try {
      proxy.refuse = true;
      const l = listener({ connectionString: proxy.url, minBackoffMs: 50, maxBackoffMs: 100 });
      await l.start();
      expect(l.connected).toBe(false);
      const recorder = new Recorder();
      await l.subscribe(CHANNEL, recorder);
      expect(recorder.listenings).toBe(0);
      proxy.refuse = false;
      await recorder.until('listening once reachable', () => recorder.listenings === 1);
      await notify('late');
      await recorder.until('the notification', () => recorder.payloads.includes('late'));
    } finally {
      await proxy.close();
    }
  });

  it('notices a connection that stopped answering without an error, by its periodic check', async () => {
    const proxy = await freezableProxy();
    try {
      const l = listener({ connectionString: proxy.url, checkEveryMs: 200, queryTimeoutMs: 300 });
      await l.start();
      const recorder = new Recorder();
      await l.subscribe(CHANNEL, recorder);
      proxy.freezeOpenSockets(); // a half-open connection: no reset, no answer
      await recorder.until('listening on a fresh connection', () => recorder.listenings === 2, 3000);
      await notify('through the new connection');
      await recorder.until('the notification', () => recorder.payloads.includes('through the new connection'));
    } finally {
      await proxy.close();
    }
  });

  it('refuses a channel name that would need quoting', async () => {
    await expect(listener().subscribe('faults; DROP TABLE x', new Recorder())).rejects.toThrow(/channel name/);
  });
});

/** A TCP proxy to Postgres that can refuse new connections or silently stop forwarding open ones. */
async function freezableProxy(): Promise<{ url: string; refuse: boolean; freezeOpenSockets(): void; close(): Promise<void> }> {
  const target = new globalThis.URL(URL);
  const open: Socket[] = [];
  const frozen: Socket[] = [];
  const state = { refuse: false };
  const server: Server = createServer((inbound) => {
    if (state.refuse) return inbound.destroy();
    const outbound = new Socket();
    outbound.connect(Number(target.port || 5432), target.hostname);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
    open.push(inbound, outbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = new globalThis.URL(URL);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    freezeOpenSockets() {
      for (const socket of open.splice(0)) {
        socket.unpipe();
        socket.pause();
        frozen.push(socket);
      }
    },
    async close() {
      for (const socket of [...open, ...frozen]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
