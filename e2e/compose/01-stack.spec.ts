import { LONG_RUNNING, NO_HEALTHCHECK, ONE_SHOT } from './support/compose-file';
import { byService, containers, logsOf } from './support/containers';

describe('docker compose up: the default profile', () => {
  it(`every long-running container is up and healthy, nothing restarted or OOM-killed (up to healthy: ${process.env.TRACELAB_COMPOSE_UP_SECONDS} s)`, () => {
    const all = byService(containers());
    expect(LONG_RUNNING).toEqual(expect.arrayContaining(['postgres', 'rabbitmq', 'otel-collector', 'jaeger', 'prometheus', 'gateway']));
    expect(Object.keys(all).sort()).toEqual([...LONG_RUNNING, ...ONE_SHOT].sort());
    for (const service of LONG_RUNNING) {
      const container = all[service]!;
      const state = { service, status: container.status, health: container.health, restarts: container.restartCount, oom: container.oomKilled };
      const expected = { service, status: 'running', health: NO_HEALTHCHECK.includes(service) ? undefined : 'healthy', restarts: 0, oom: false };
      if (JSON.stringify(state) !== JSON.stringify(expected)) throw new Error(`${JSON.stringify(state)}\n${logsOf(service)}`);
      expect(state).toEqual(expected);
    }
  });

  it(`the one-shot probes (${ONE_SHOT.join(', ')}) saw what they wait for and exited 0`, () => {
    expect(ONE_SHOT).toContain('otel-collector-ready');
    const all = byService(containers());
    for (const probe of ONE_SHOT) expect({ probe, status: all[probe]!.status, exitCode: all[probe]!.exitCode }).toEqual({ probe, status: 'exited', exitCode: 0 });
  });

  it('every container runs under the memory limit docker-compose.yml gives it', () => {
    for (const container of containers()) expect({ service: container.service, limited: container.memoryLimit > 0 }).toEqual({ service: container.service, limited: true });
  });
});
