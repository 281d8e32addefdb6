// The last line of `npm test`, and its last check: how many of the 42 tested cases of
// docs/security-cases.md this run answered as prescribed. A case counts when at least one test
// named after it (`case 14: …`) ran and every such test passed; the jest reporter in
// tools/jest/security-cases-reporter.cjs records them per project under test-output/security-cases/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TOTAL = 42;
const DIR = 'test-output/security-cases';

const tally = new Map();
const files = existsSync(DIR) ? readdirSync(DIR).filter((name) => name.endsWith('.json')) : [];
for (const file of files) {
  const { cases } = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
  for (const [number, { passed, failed }] of Object.entries(cases)) {
    if (number === 'unrunnable') {
      continue;
    }
    const sum = tally.get(Number(number)) ?? { passed: 0, failed: 0 };
    tally.set(Number(number), { passed: sum.passed + passed, failed: sum.failed + failed });
  }
}

const numbers = Array.from({ length: TOTAL }, (_, index) => index + 1);
const answered = numbers.filter(
  (n) => (tally.get(n)?.passed ?? 0) > 0 && tally.get(n)?.failed === 0,
);
const failing = numbers.filter((n) => (tally.get(n)?.failed ?? 0) > 0);
const untested = numbers.filter((n) => !tally.has(n));

process.stdout.write(`security cases: ${answered.length}/${TOTAL} answered as prescribed\n`);
if (failing.length > 0) {
  process.stdout.write(`  failing: ${failing.join(', ')}\n`);
}
if (untested.length > 0) {
  process.stdout.write(`  no test named after them yet: ${untested.join(', ')}\n`);
}
// Every case must be answered: a failing one has failed its jest run already, and a case left
// without a test (a renamed or deleted test) fails `npm test` here.
process.exitCode = answered.length === TOTAL ? 0 : 1;
