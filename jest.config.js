// Tests run from the compiled tree (`npm test` builds first) so that worker threads, spawned worker
// processes and the workflow bundle all execute the same JavaScript the product ships.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  // test/long holds checks of minutes each (`npm run test:long`), kept out of `npm test`'s half hour.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/test/long/'],
  globalSetup: '<rootDir>/dist/test/setup/globalSetup.js',
  globalTeardown: '<rootDir>/dist/test/setup/globalTeardown.js',
  // Two cores: two test files at a time, each engine session pinned to one thread (DRL_THREADS).
  maxWorkers: 2,
  testTimeout: 120000,
};
