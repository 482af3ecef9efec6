import { baseEnv, bindHost, ConfigError, grpcAddress, loadConfig, port, postgresUrl, z } from './index';

describe('loadConfig', () => {
  const schema = z.object({
    PORT: port(8080),
    DATABASE_URL: postgresUrl(),
    INVENTORY_GRPC_URL: grpcAddress('localhost:50051'),
  });

  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, {});
    expect(config).toEqual({
      PORT: 8080,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tracelab',
      INVENTORY_GRPC_URL: 'localhost:50051',
    });
    expect(loadConfig(schema, { PORT: '9000' }).PORT).toBe(9000);
  });

  it('names every bad variable with its value', () => {
    let error: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', INVENTORY_GRPC_URL: 'nope' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT: .*"eighty"/);
    expect(problems).toMatch(/DATABASE_URL: must be a URL starting with postgres:/);
    expect(problems).toMatch(/INVENTORY_GRPC_URL: must be host:port/);
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig(schema, { PORT: '70000' })).toThrow(/PORT/);
  });

  it('binds internal services to loopback unless told otherwise, and checks the address', () => {
    const hosted = z.object({ ...baseEnv });
    expect(loadConfig(hosted, {}).BIND_HOST).toBe('127.0.0.1');
    expect(loadConfig(hosted, { BIND_HOST: '0.0.0.0' }).BIND_HOST).toBe('0.0.0.0');
    expect(loadConfig(hosted, { BIND_HOST: '::' }).BIND_HOST).toBe('::');
    expect(() => loadConfig(hosted, { BIND_HOST: 'everywhere' })).toThrow(/BIND_HOST: must be an IP address/);
    expect(loadConfig(z.object({ BIND_HOST: bindHost('0.0.0.0') }), {}).BIND_HOST).toBe('0.0.0.0');
  });
});
