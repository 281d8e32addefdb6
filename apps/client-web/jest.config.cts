// Unit tests beside the code (src/**/*.spec.ts) and the app's e2e suite (test/**/*.e2e-spec.ts),
// which boots the whole Nest app on an in-memory sqlite database and drives it with supertest.
module.exports = {
  displayName: 'client-web',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  // A hang guard, not a speed target: the e2e suites boot whole apps and run 50 flows at once, on
  // CI machines that run several suites side by side.
  testTimeout: 20000,
};
