// Compose tier: the project's own docker-compose.yml and Dockerfile, built and run on a Docker
// engine with stand-in infrastructure images (e2e/compose/support/standins.mjs); the tests
// assert against the running containers. Its files run in name order (01-..., 02-...): the last
// ones restart and remove the stack.
process.env.TRACELAB_E2E_TIER = 'compose';
const swc = ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } } }];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'compose',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: { '^.+\\.ts$': swc },
  testSequencer: '<rootDir>/support/name-order.js',
  globalSetup: '<rootDir>/support/global-setup.mjs',
  globalTeardown: '<rootDir>/support/global-teardown.mjs',
  setupFilesAfterEnv: ['<rootDir>/../support/jest-timeout.ts'],
};
