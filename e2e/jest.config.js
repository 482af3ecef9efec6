// End-to-end: the six real services as processes, real Postgres and RabbitMQ, spans over OTLP/HTTP JSON.
const swc = ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } } }];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  // The pipeline and compose tiers have stacks of their own (e2e/pipeline/, e2e/compose/).
  testPathIgnorePatterns: ['<rootDir>/pipeline/', '<rootDir>/compose/'],
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  // testTimeout is a global option only; per project it is set here.
  setupFilesAfterEnv: ['<rootDir>/support/jest-timeout.ts'],
};
