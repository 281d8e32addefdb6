// `npm run test:compose` (tools/test-compose.mjs) runs this suite against the stack that
// `docker-compose up` started: the published ports 3000-3003, not processes of its own.
module.exports = {
  displayName: 'flow-e2e (compose)',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.compose-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 120000,
};
