// Unit tests beside the code (src/**/*.spec.ts) and the e2e suite (test/**/*.e2e-spec.ts), which
// starts the four built services as real processes and runs the built CLI against them.
module.exports = {
  displayName: 'flow-cli',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60000,
};
