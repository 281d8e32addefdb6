const { join } = require('node:path');
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // The summary line of the security cases (docs/security-cases.md, counted by
  // tools/security-cases.mjs) is built from what this records.
  reporters: ['default', join(__dirname, 'tools/jest/security-cases-reporter.cjs')],
};
