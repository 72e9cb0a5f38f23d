// `npm run test:long`: the checks of minutes each in test/long, with the servers and setup of `npm test`.
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/dist/test/long'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 900000 };
