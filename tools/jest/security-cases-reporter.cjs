// A jest reporter, in every project through jest.preset.js: it records which security cases
// (docs/security-cases.md, tests named `case 14: …`) this run's tests answered, one file per
// jest project under test-output/security-cases/. tools/security-cases.mjs adds them up at the end
// of `npm test` into the one summary line.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OUTPUT = join(__dirname, '..', '..', 'test-output', 'security-cases');
const CASE = /\bcase (\d+):/;

class SecurityCasesReporter {
  onRunComplete(_contexts, results) {
    const byProject = new Map();
    for (const file of results.testResults) {
      const project = displayNameOf(file.displayName);
      const cases = byProject.get(project) ?? {};
      for (const test of file.testResults) {
        const match = CASE.exec(test.title) ?? CASE.exec(test.fullName);
        if (match && test.status !== 'skipped' && test.status !== 'pending') {
          const tests = (cases[match[1]] ??= { passed: 0, failed: 0 });
          tests[test.status === 'passed' ? 'passed' : 'failed'] += 1;
        }
      }
      // A file that could not run at all fails every case it would have answered: count it.
      if (file.testExecError) {
        cases.unrunnable = (cases.unrunnable ?? 0) + 1;
      }
      byProject.set(project, cases);
    }
    mkdirSync(OUTPUT, { recursive: true });
    for (const [project, cases] of byProject) {
      const name = project.replace(/[^a-z0-9-]+/gi, '_');
      writeFileSync(
        join(OUTPUT, `${name}.json`),
        `${JSON.stringify({ project, cases }, null, 2)}\n`,
      );
    }
  }
}

function displayNameOf(displayName) {
  if (typeof displayName === 'string') {
    return displayName;
  }
  return displayName?.name ?? 'unnamed';
}

module.exports = SecurityCasesReporter;
