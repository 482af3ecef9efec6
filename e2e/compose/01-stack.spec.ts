import { byService, containers, logsOf } from './support/containers';

/** The default profile's long-running services (docker-compose.yml) and its one-shot probe. */
const LONG_RUNNING = ['postgres', 'rabbitmq', 'prometheus', 'jaeger', 'otel-collector', 'inventory', 'fraud-detection', 'payment', 'notification', 'order', 'gateway'];
/** The collector's image has no shell for a healthcheck: running is what compose can see of it. */
const NO_HEALTHCHECK = ['otel-collector'];

describe('docker compose up: the default profile', () => {
  it(`every long-running container is up and healthy, nothing restarted or OOM-killed (up to healthy: ${process.env.TRACELAB_COMPOSE_UP_SECONDS} s)`, () => {
    const all = byService(containers());
    expect(Object.keys(all).sort()).toEqual([...LONG_RUNNING, 'otel-collector-ready'].sort());
    for (const service of LONG_RUNNING) {
      const container = all[service]!;
      const state = { service, status: container.status, health: container.health, restarts: container.restartCount, oom: container.oomKilled };
      const expected = { service, status: 'running', health: NO_HEALTHCHECK.includes(service) ? undefined : 'healthy', restarts: 0, oom: false };
      if (JSON.stringify(state) !== JSON.stringify(expected)) throw new Error(`${JSON.stringify(state)}\n${logsOf(service)}`);
      expect(state).toEqual(expected);
    }
  });

  it('otel-collector-ready saw the collector answer and exited 0', () => {
    const probe = byService(containers())['otel-collector-ready']!;
    expect({ status: probe.status, exitCode: probe.exitCode }).toEqual({ status: 'exited', exitCode: 0 });
  });

  it('every container runs under the memory limit docker-compose.yml gives it', () => {
    for (const container of containers()) expect({ service: container.service, limited: container.memoryLimit > 0 }).toEqual({ service: container.service, limited: true });
  });
});
