// The cross-service suite: starts the four built services as real processes on free ports with
// temporary databases, and walks the flow as a browser would.
module.exports = {
  displayName: 'flow-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 30000,
};
