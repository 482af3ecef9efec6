// Which processes the benchmark charges CPU and memory to. Every sample lists each process with a
// group: a service, "postgres:<service>" for that service's backends, "postgres server" for the
// postmaster and its background processes, "rabbitmq", "receiver". Postgres backends are told apart
// by pg_stat_activity: each service's pool connects with application_name = the service's name
// (packages/db createPool), and only backends of the benchmark's database count.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { readProcStat } = require('../../packages/local-stack/dist/index.js');
const pg = require('pg');

export const OTHER_DATABASES = 'other databases (postgres)';
export const POSTGRES_SERVER = 'postgres server';

function rabbitPid() {
  const out = spawnSync('pgrep', ['-o', '-f', 'beam.smp.*rabbit'], { encoding: 'utf8' }).stdout.trim();
  if (!out) throw new Error('RabbitMQ is not running (scripts/infra-up.sh starts it)');
  return Number(out);
}

/**
 * @param services () => [{ name, pid }] (read at every sample: a service could be restarted)
 * @param receiverPid the OTLP receiver's process, when the mode is traced
 */
export async function watchProcesses({ databaseUrl, services, receiverPid }) {
  const database = new URL(databaseUrl).pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), application_name: 'tracelab-bench' });
  await client.connect();
  const rabbitmq = rabbitPid();
  let postmaster;

  async function postgresProcesses() {
    const { rows } = await client.query('SELECT pid, backend_type, datname, application_name FROM pg_stat_activity WHERE pid <> pg_backend_pid()');
    const names = new Set(services().map((s) => s.name));
    const listed = [];
    for (const row of rows) {
      if (row.backend_type !== 'client backend') listed.push({ group: POSTGRES_SERVER, pid: row.pid });
      else if (row.datname !== database) listed.push({ group: OTHER_DATABASES, pid: row.pid });
      else if (names.has(row.application_name)) listed.push({ group: `postgres:${row.application_name}`, pid: row.pid });
    }
    postmaster ??= rows.map((row) => readProcStat(row.pid)?.ppid).find(Boolean);
    if (postmaster) listed.push({ group: POSTGRES_SERVER, pid: postmaster });
    return listed;
  }

  /** Every process with its group and CPU ticks now. */
  async function sample() {
    const listed = [
      ...services().map((s) => ({ group: s.name, pid: s.pid })),
      ...(await postgresProcesses()),
      { group: 'rabbitmq', pid: rabbitmq },
      ...(receiverPid ? [{ group: 'receiver', pid: receiverPid }] : []),
    ];
    const observations = [];
    for (const { group, pid } of listed) {
      const stat = readProcStat(pid);
      if (stat) observations.push({ group, pid, startTime: stat.startTime, cpuTicks: stat.cpuTicks });
    }
    return observations;
  }

  return { sample, close: () => client.end() };
}
