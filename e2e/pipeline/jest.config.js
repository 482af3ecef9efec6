// Pipeline tier: the six real services export OTLP http/protobuf to the real Collector (built by
// `pnpm tools:build`, run with deploy/otel-collector/config.yaml), which feeds the real Jaeger v2
// (deploy/jaeger/config.yaml) and Prometheus. Tests read traces back from Jaeger's api/v3.
process.env.TRACELAB_E2E_TIER = 'pipeline';
const swc = ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } } }];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'pipeline',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/../support/jest-timeout.ts'],
};
