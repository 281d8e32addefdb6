// The last line of `npm test`, and its last check: how many of the cases of docs/security-cases.md
// this run answered as prescribed. A case counts when at least one test named after it
// (`case 14: …`) ran and every such test passed; the jest reporter in
// tools/jest/security-cases-reporter.cjs records them per project under test-output/security-cases/.
//
// The cases are read from docs/security-cases.md itself: each `### Case N:` heading is a tested
// case, and each `**Case N**` under "## Not yet tested" is a case the repository lists but does not
// test yet. The total is every case the file names, so the line reads `43/56` until the last one
// is tested, and a case dropped from the file shows as a gap in the numbering.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'test-output/security-cases';
const LIST = 'docs/security-cases.md';

const { tested, pending } = casesOf(readFileSync(LIST, 'utf8'));
const listed = [...tested, ...pending].sort((a, b) => a - b);
const total = Math.max(0, ...listed);
const gaps = Array.from({ length: total }, (_, index) => index + 1).filter(
  (n) => !listed.includes(n),
);
const twice = listed.filter((n, index) => listed.indexOf(n) !== index);

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

const answeredAsPrescribed = (n) => (tally.get(n)?.passed ?? 0) > 0 && tally.get(n)?.failed === 0;
const answered = listed.filter(answeredAsPrescribed);
const failing = listed.filter((n) => (tally.get(n)?.failed ?? 0) > 0);
const untested = tested.filter((n) => !tally.has(n));
const testedWhilePending = pending.filter(answeredAsPrescribed);

process.stdout.write(`security cases: ${answered.length}/${total} answered as prescribed\n`);
if (failing.length > 0) {
  process.stdout.write(`  failing: ${failing.join(', ')}\n`);
}
if (untested.length > 0) {
  process.stdout.write(
    `  listed as tested in ${LIST}, but no test named after them ran: ${untested.join(', ')}\n`,
  );
}
const notYet = pending.filter((n) => !answeredAsPrescribed(n));
if (notYet.length > 0) {
  process.stdout.write(`  not tested yet (${LIST}, "Not yet tested"): ${notYet.join(', ')}\n`);
}
if (testedWhilePending.length > 0) {
  process.stdout.write(
    `  tested, but still under "Not yet tested" in ${LIST}: ${testedWhilePending.join(', ')}\n`,
  );
}
if (gaps.length > 0 || twice.length > 0) {
  process.stdout.write(
    `  ${LIST} does not list each case once: missing ${gaps.join(', ') || 'none'}, twice ${twice.join(', ') || 'none'}\n`,
  );
}
// Every case the list calls tested must be answered: a failing one has failed its jest run
// already, and one left without a test (a renamed or deleted test) fails `npm test` here. So does
// a list that skips or repeats a number, and a pending case whose test passes (move it up).
process.exitCode =
  failing.length === 0 &&
  untested.length === 0 &&
  gaps.length === 0 &&
  twice.length === 0 &&
  testedWhilePending.length === 0
    ? 0
    : 1;

/** The case numbers of the `### Case N:` headings, and of the `**Case N**` items after "Not yet tested". */
function casesOf(markdown) {
  const [testedPart, pendingPart = ''] = markdown.split(/^## Not yet tested.*$/m);
  const numbers = (text, pattern) => [...text.matchAll(pattern)].map((match) => Number(match[1]));
  return {
    tested: numbers(testedPart, /^### Case (\d+):/gm),
    pending: numbers(pendingPart, /^- \*\*Case (\d+)\*\*/gm),
  };
}
