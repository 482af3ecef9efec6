import { spawn, spawnSync } from 'node:child_process';
import { lab as labCli } from '../support/lab-cli';
import { call, orderBody, placeOrder } from '../support/shop';
import { eventually, sleep } from '../support/wait';
import { namedVolumes } from './support/compose-file';
import { byService, compose, containers } from './support/containers';

const lab = (...args: string[]) => labCli(args);

/** `docker compose <args>` without blocking the event loop (orders keep flowing meanwhile). */
function composeAsync(args: string[]): Promise<number> {
  const prefix = JSON.parse(process.env.TRACELAB_COMPOSE_ARGS!) as string[];
  const env = JSON.parse(process.env.TRACELAB_COMPOSE_ENV!) as Record<string, string>;
  return new Promise((resolve) => spawn('docker', [...prefix, ...args], { stdio: 'ignore', env: { ...process.env, ...env } }).on('exit', (code) => resolve(code ?? -1)));
}

/** Volumes without a name of their own mounted in the project's containers. */
function anonymousVolumes(): string[] {
  const ids = containers().map((c) => c.id);
  const mounts = spawnSync('docker', ['inspect', '-f', '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}', ...ids], { encoding: 'utf8' }).stdout;
  return mounts.split(/\s+/).filter((name) => /^[0-9a-f]{64}$/.test(name));
}

const healthy = (service: string) => eventually(`${service} healthy again`, async () => (byService(containers())[service]?.health === 'healthy' ? true : undefined), 180_000, 1000);

describe('durability of the compose stack', () => {
  it('docker compose restart order, then a SIGKILLed rabbitmq brought back by its restart policy, while orders flow: no confirmed order lost, every one e-mailed', async () => {
    const confirmed: string[] = [];
    const other: Record<string, number> = {};
    let flowing = true;
    const flow = (async () => {
      for (let i = 0; flowing; i += 1) {
        const answer = await placeOrder(orderBody({ customerId: `cust-${String(900 + (i % 90)).padStart(4, '0')}` })).catch(() => ({ status: 0, body: {} as Record<string, unknown> }));
        if (answer.status === 201) confirmed.push(String(answer.body.orderId));
        else other[answer.status] = (other[answer.status] ?? 0) + 1;
        await sleep(200);
      }
    })();
    try {
      await sleep(3000);
      expect(await composeAsync(['restart', 'order'])).toBe(0);
      await healthy('order');
      await sleep(3000);
      // A crash, as the kernel's OOM killer or a fault would end the broker: SIGKILL to the
      // container's first process from outside. (`docker compose kill` is a manual stop, which
      // Docker's restart policies respect by not restarting.)
      const rabbit = byService(containers()).rabbitmq!;
      const pid = spawnSync('docker', ['inspect', '-f', '{{.State.Pid}}', rabbit.id], { encoding: 'utf8' }).stdout.trim();
      process.kill(Number(pid), 'SIGKILL');
      const back = await eventually('rabbitmq restarted by its policy and healthy', async () => {
        const now = byService(containers()).rabbitmq!;
        return now.restartCount > rabbit.restartCount && now.health === 'healthy' ? now : undefined;
      }, 180_000, 1000);
      expect(back.id).toBe(rabbit.id);
      await sleep(5000);
    } finally {
      flowing = false;
      await flow;
    }
    console.log(`compose durability: ${confirmed.length} orders confirmed while order restarted and rabbitmq was SIGKILLed; other answers ${JSON.stringify(other)}`);
    expect(confirmed.length).toBeGreaterThan(20);

    /** Confirmed orders not (yet) stored as confirmed with their e-mail recorded. */
    const unsettled = async () => {
      const notYet: string[] = [];
      for (const id of confirmed) {
        const order = await call('GET', `/orders/${id}`);
        const ok = order.status === 200 && order.body.status === 'confirmed' && (order.body.notification as { sent?: boolean } | undefined)?.sent === true;
        if (!ok) notYet.push(`${id}: ${order.status} ${JSON.stringify({ status: order.body.status, notification: order.body.notification })}`);
      }
      return notYet;
    };
    await eventually('every confirmed order stored and e-mailed', async () => ((await unsettled()).length === 0 ? true : undefined), 120_000, 2000).catch(() => undefined);
    expect(await unsettled()).toEqual([]);
  }, 420_000);

  it('docker compose down then up keeps orders and fault state (named volume); down -v removes the volume', async () => {
    const answer = await placeOrder(orderBody());
    expect(answer.status).toBe(201);
    const orderId = String(answer.body.orderId);
    // Volumes the images declare (rabbitmq's /var/lib/rabbitmq): `down` leaves them behind, so
    // this test removes the ones its `down` orphans.
    const anonymous = anonymousVolumes();
    const removeOrphans = () => spawnSync('docker', ['volume', 'rm', ...anonymous]);
    try {
      expect((await lab('fault', 'on', 'missing-header')).status).toBe(0);

      expect(compose(['down', '--timeout', '20']).status).toBe(0);
      expect(containers()).toEqual([]);
      const up = compose(['up', '--detach', '--wait', '--wait-timeout', '600'], 700_000);
      expect(up.status).toBe(0);

      // The first request may still meet a connection of the client's pool to the gateway removed by `down`.
      const order = await eventually('the order, through the new gateway', async () => call('GET', `/orders/${orderId}`).catch(() => undefined), 30_000, 500);
      expect({ status: order.status, order: order.body.status }).toEqual({ status: 200, order: 'confirmed' });
      const list = await lab('fault', 'list');
      expect(list.output).toMatch(/^ON\s+missing-header\s/m);
      expect((await lab('fault', 'reset')).status).toBe(0);

      const volumes = () => spawnSync('docker', ['volume', 'ls', '--quiet', '--filter', 'label=com.docker.compose.project=tracelab-ci'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
      expect(volumes()).toEqual(namedVolumes('tracelab-ci'));
      expect(volumes()).toContain('tracelab-ci_postgres-data');
      expect(compose(['down', '--volumes', '--timeout', '20']).status).toBe(0);
      expect(volumes()).toEqual([]);
      removeOrphans();
      expect(anonymous.filter((name) => spawnSync('docker', ['volume', 'inspect', name]).status === 0)).toEqual([]);
    } finally {
      // Also when an assertion above failed: only volumes no container uses any more go.
      removeOrphans();
    }
  }, 800_000);
});
