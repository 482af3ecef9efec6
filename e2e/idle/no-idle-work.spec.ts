import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { clockTicksPerSecond, readProcStat, SERVICES } from '@tracelab/local-stack';
import { Client } from 'pg';
import { ADMIN_TOKEN, DATABASE_URL, GATEWAY_URL, LOG_DIR } from '../support/env';
import { resetFaults } from '../support/faults';
import { allSpans } from '../support/traces';
import { eventually, sleep } from '../support/wait';

const DB = new URL(DATABASE_URL).pathname.slice(1);
const WINDOW_MS = 10_000;
/**
 * What may run while idle, at most once each in a 10 s window: every service's check of its
 * LISTEN connection (once a minute) and order's two sweeps (outbox, deferred releases; once a
 * minute). Polling, as before, made ~130.
 */
const IDLE_BUDGET = SERVICES.length + 2;
/** The only statements allowed while idle: a LISTEN connection's check, order's two sweeps. */
const HOUSEKEEPING = /^(\S+:listen: SELECT 1|order: SELECT .* FROM (outbox|pending_releases)\b[\s\S]*)$/;
/** The order service hands an unpublished event to its relay after this long (order-events.publisher.ts). */
const RELAY_AFTER_MS = 5000;

/**
 * Idle, the stack does no work: no SQL statement and no span (fault switches and the outbox
 * relay are pushed over LISTEN/NOTIFY instead of polled), and what was pushed still arrives when
 * a notification is lost.
 */
describe('an idle stack', () => {
  const db = new Client({ connectionString: DATABASE_URL });
  beforeAll(() => db.connect());
  afterAll(async () => {
    await resetFaults();
    await db.end();
  });

  it('makes no SQL statement and no span for 10 seconds', async () => {
    await settle(db);
    const cpuBefore = serviceCpuTicks();
    const spansBefore = (await allSpans()).length;
    const started = Date.now();
    const statements = await statementsDuring(db, WINDOW_MS);
    const cpuAfter = serviceCpuTicks();
    const seconds = (Date.now() - started) / 1000;
    const spans = (await allSpans()).length - spansBefore;
    const cpuMsPerSecond = Object.fromEntries(
      Object.entries(cpuAfter).map(([name, ticks]) => [name, +((((ticks - (cpuBefore[name] ?? ticks)) * 1000) / clockTicksPerSecond()) / seconds).toFixed(1)]),
    );
    console.log(
      `idle for ${seconds.toFixed(1)} s: ${statements.length} statements seen (${JSON.stringify(statements)}), ` +
        `${spans} spans; CPU ms/s ${JSON.stringify(cpuMsPerSecond)}`,
    );
    expect(statements.length).toBeLessThanOrEqual(IDLE_BUDGET);
    for (const statement of statements) expect(statement).toMatch(HOUSEKEEPING);
    expect(spans).toBe(0);
    expect(Object.keys(cpuMsPerSecond).sort()).toEqual(SERVICES.map((s) => s.name).sort());
  });

  it('still flips a switch in every service within well under a second', async () => {
    const latencies = await flipAndWatchLogs();
    console.log(`switch seen after (ms): ${JSON.stringify(latencies)}`);
    for (const ms of Object.values(latencies)) expect(ms).toBeLessThan(500);
  });

  it('flips a switch made while every LISTEN connection was being killed (re-read on reconnect)', async () => {
    const { rows } = await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE '%:listen'", [DB]);
    expect(rows.length).toBe(SERVICES.length);
    const latencies = await flipAndWatchLogs();
    console.log(`switch made during the reconnects seen after (ms): ${JSON.stringify(latencies)}`);
    for (const ms of Object.values(latencies)) expect(ms).toBeLessThan(1000);
    await eventually('every LISTEN connection back', async () => ((await listenConnections(db)) === SERVICES.length ? true : undefined), 5000);
  });

  it('relays an event nobody announced once its LISTEN connection comes back', async () => {
    // An event left unpublished with no announcement (an instance that died after its commit),
    // then order's LISTEN connection dies: the re-read after reconnecting finds the event.
    const orderId = await orphanEvent(db, { announce: false });
    await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'order:listen'", [DB]);
    await eventually('the notification sent', () => notified(db, orderId), RELAY_AFTER_MS + 5000);
  });

  it('relays an event another instance failed to publish, once it is the relay’s', async () => {
    const orderId = await orphanEvent(db, { announce: true });
    await eventually('the notification sent', () => notified(db, orderId), RELAY_AFTER_MS + 5000);
    // Published events are marked in batches, a moment after their publish.
    const ms = await eventually('the event marked published', async () => {
      const { rows } = await db.query('SELECT extract(epoch FROM published_at - created_at) * 1000 AS ms FROM outbox WHERE order_id = $1', [orderId]);
      return rows[0]?.ms === null ? undefined : Number(rows[0].ms);
    });
    // Not before: the request's own publish may still be under way until then.
    expect(ms).toBeGreaterThanOrEqual(RELAY_AFTER_MS);
  });
});

/** Waits until the database has been quiet for 2 s (earlier suites may leave work in flight). */
async function settle(db: Client): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    if ((await statementsDuring(db, 2000)).length === 0) return;
  }
}

/**
 * Each statement another connection to the database starts during `ms`, as "application: query",
 * seen by sampling pg_stat_activity (live, unlike the statistics counters, which lag).
 */
async function statementsDuring(db: Client, ms: number): Promise<string[]> {
  const since = (await db.query('SELECT clock_timestamp() AS t')).rows[0].t as Date;
  const seen = new Map<string, string>();
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) {
    const { rows } = await db.query(
      `SELECT pid, query_start, application_name, query FROM pg_stat_activity
       WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND query_start > $2`,
      [DB, since],
    );
    for (const row of rows) seen.set(`${row.pid}@${(row.query_start as Date).getTime()}`, `${row.application_name}: ${row.query}`);
  }
  return [...seen.values()];
}

/** Flips propagator-mismatch through the admin API; each service logs the change. Resolves with ms from the request to each service's log line. */
async function flipAndWatchLogs(): Promise<Record<string, number>> {
  const sent = Date.now();
  const enable = !(await isOn('propagator-mismatch'));
  const response = await fetch(`${GATEWAY_URL}/admin/faults/propagator-mismatch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: enable, params: { service: 'inventory', propagators: 'b3' } }),
  });
  expect(response.status).toBe(200);
  return eventually(
    'every service logs the switch',
    async () => {
      const seen: Record<string, number> = {};
      for (const { name } of SERVICES) {
        const line = logLines(name).find((l) => l.time >= sent && /propagator|propagators as configured/.test(l.msg));
        if (!line) return undefined;
        seen[name] = line.time - sent;
      }
      return seen;
    },
    5000,
    20,
  );
}

async function isOn(name: string): Promise<boolean> {
  const response = await fetch(`${GATEWAY_URL}/admin/faults`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const { faults } = (await response.json()) as { faults: { name: string; enabled: boolean }[] };
  return faults.find((f) => f.name === name)!.enabled;
}

function logLines(service: string): { time: number; msg: string }[] {
  const lines: { time: number; msg: string }[] = [];
  for (const text of readFileSync(`${LOG_DIR}/${service}.log`, 'utf8').split('\n')) {
    try {
      const { time, msg } = JSON.parse(text) as { time?: unknown; msg?: unknown };
      if (typeof msg === 'string') lines.push({ time: typeof time === 'number' ? time : Date.parse(String(time)), msg });
    } catch {
      // not a JSON log line
    }
  }
  return lines;
}

async function listenConnections(db: Client): Promise<number> {
  const { rows } = await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE '%:listen'", [DB]);
  return rows[0].n;
}

/** An order.confirmed event in the outbox for a new order, unpublished; announced on tracelab_outbox or not. */
async function orphanEvent(db: Client, { announce }: { announce: boolean }): Promise<string> {
  const orderId = randomUUID();
  const event = { orderId, customerId: 'idle-spec', status: 'confirmed', totalCents: 100, items: [], occurredAt: new Date().toISOString() };
  await db.query('BEGIN');
  await db.query('INSERT INTO outbox (order_id, routing_key, payload) VALUES ($1, $2, $3)', [orderId, 'order.confirmed', event]);
  if (announce) await db.query("SELECT pg_notify('tracelab_outbox', 'spec')");
  await db.query('COMMIT');
  return orderId;
}

async function notified(db: Client, orderId: string): Promise<true | undefined> {
  const { rowCount } = await db.query('SELECT 1 FROM notifications WHERE order_id = $1', [orderId]);
  return rowCount ? true : undefined;
}

/** CPU ticks (utime + stime) of each service of this stack, found by its database in /proc. */
function serviceCpuTicks(): Record<string, number> {
  const ticks: Record<string, number> = {};
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/main.js')) continue;
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`DATABASE_URL=${DATABASE_URL}`)) continue;
      const stat = readProcStat(Number(pid));
      if (stat) ticks[basename(readlinkSync(`/proc/${pid}/cwd`))] = stat.cpuTicks;
    } catch {
      // gone, or not ours to read
    }
  }
  return ticks;
}
