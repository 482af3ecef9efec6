import { compose } from './support/containers';

/**
 * The k6 service cannot run here (k6 is AGPL and kept out of the toolchain; no reachable registry
 * ships it): the tier checks that the load profile's configuration loads, as compose itself reads it.
 */
describe('docker compose --profile load', () => {
  it('loads: the k6 service runs the type-checked scenarios from ./load against the gateway', () => {
    const result = compose(['--profile', 'load', 'config', '--format', 'json']);
    expect(result.status).toBe(0);
    const config = JSON.parse(result.output.slice(result.output.indexOf('{'))) as {
      services: Record<string, { image: string; command: string[]; volumes: { source: string; target: string }[]; depends_on: Record<string, unknown>; environment: Record<string, string> }>;
    };
    const k6 = config.services.k6!;
    expect(k6.image).toMatch(/^grafana\/k6:/);
    expect(k6.command).toEqual(['run', '/load/smoke.ts']);
    expect(k6.volumes).toEqual(expect.arrayContaining([expect.objectContaining({ target: '/load', source: expect.stringMatching(/\/load$/), read_only: true })]));
    expect(k6.environment.GATEWAY_URL).toBe('http://gateway:8080');
    expect(Object.keys(k6.depends_on).sort()).toEqual(['gateway', 'jaeger']);
  });
});
