import { InvalidToken } from '../errors/resource-access.errors';
import { runTokenChecks, TokenCheckFailure, type TokenCheckStep } from './token-check';

/** A list of four checks; `alg` fails when told to. */
function steps(algFails: boolean): TokenCheckStep[] {
  const pass = (detail: string) => () => detail;
  return [
    { name: 'format', rfc: 'r', needs: [], run: pass('ok') },
    {
      name: 'alg',
      rfc: 'r',
      needs: ['format'],
      run: () => {
        if (algFails) {
          throw new TokenCheckFailure('alg "none"', new InvalidToken('bad alg'));
        }
        return 'RS256';
      },
    },
    { name: 'signature', rfc: 'r', needs: ['alg'], run: pass('verifies') },
    { name: 'iss', rfc: 'r', needs: ['signature'], run: pass('issuer') },
  ];
}

const subject = () => ({ token: 't', now: 0, requiredScopes: [] });
const outcomes = (run: { checks: { name: string; outcome: string }[] }) =>
  run.checks.map(({ name, outcome }) => `${name}:${outcome}`);

describe(runTokenChecks.name, () => {
  it('makes every check of the list, in order', async () => {
    const run = await runTokenChecks(steps(false), subject());
    expect(outcomes(run)).toEqual(['format:pass', 'alg:pass', 'signature:pass', 'iss:pass']);
    expect(run.failure).toBeUndefined();
  });

  it('skips what needed a failed check, and keeps the first failure as the answer', async () => {
    const run = await runTokenChecks(steps(true), subject());
    expect(run.failure?.detail).toBe('alg "none"');
    expect(run.checks.slice(2)).toEqual([
      { name: 'signature', outcome: 'skipped', detail: 'not made: alg did not pass', rfc: 'r' },
      { name: 'iss', outcome: 'skipped', detail: 'not made: signature did not pass', rfc: 'r' },
    ]);
  });
});
