// Unit specs live beside the code; cross-service tests have their own config in e2e/.
const swc = ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } } }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/bench'],
      testMatch: ['**/src/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    '<rootDir>/e2e/jest.config.js',
  ],
};
