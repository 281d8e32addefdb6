import { InvalidToken } from '../errors/resource-access.errors';
import {
  continueTokenChecks,
  nextTokenCheck,
  runTokenChecks,
  startTokenChecks,
  TokenCheckFailure,
  type TokenCheckStep,
} from './token-check';

/** A list of four checks in three phases; `alg` fails when told to. */
function steps(algFails: boolean): TokenCheckStep[] {
  const pass = (detail: string) => () => detail;
  return [
    { name: 'format', rfc: 'r', phase: 'header', needs: [], run: pass('ok') },
    {
      name: 'alg',
      rfc: 'r',
      phase: 'header',
      needs: ['format'],
      run: () => {
        if (algFails) {
          throw new TokenCheckFailure('alg "none"', new InvalidToken('bad alg'));
        }
        return 'RS256';
      },
    },
    { name: 'signature', rfc: 'r', phase: 'signature', needs: ['alg'], run: pass('verifies') },
    { name: 'iss', rfc: 'r', phase: 'claims', needs: ['signature'], run: pass('issuer') },
  ];
}

const subject = () => ({ token: 't', now: 0, requiredScopes: [] });
const outcomes = (run: { checks: { name: string; outcome: string }[] }) =>
  run.checks.map(({ name, outcome }) => `${name}:${outcome}`);

describe(continueTokenChecks.name, () => {
  it('makes the checks up to the end of a phase, then the rest where it stopped', async () => {
    const run = startTokenChecks(steps(false), subject());
    await continueTokenChecks(run, 'header');
    expect(outcomes(run)).toEqual(['format:pass', 'alg:pass']);
    expect(nextTokenCheck(run)?.name).toBe('signature');

    await continueTokenChecks(run);
    expect(outcomes(run)).toEqual(['format:pass', 'alg:pass', 'signature:pass', 'iss:pass']);
    expect(nextTokenCheck(run)).toBeUndefined();
    expect(run.failure).toBeUndefined();
  });

  it('counts the earlier outcomes: what needed a failed check is skipped later on', async () => {
    const run = await continueTokenChecks(startTokenChecks(steps(true), subject()), 'header');
    expect(run.failure?.detail).toBe('alg "none"');
    await continueTokenChecks(run);
    expect(run.checks.slice(2)).toEqual([
      { name: 'signature', outcome: 'skipped', detail: 'not made: alg did not pass', rfc: 'r' },
      { name: 'iss', outcome: 'skipped', detail: 'not made: signature did not pass', rfc: 'r' },
    ]);
  });

  it('gives, phase by phase, exactly what one go gives', async () => {
    for (const algFails of [false, true]) {
      const byPhase = startTokenChecks(steps(algFails), subject());
      for (const phase of ['header', 'signature', 'claims'] as const) {
        await continueTokenChecks(byPhase, phase);
      }
      const inOneGo = await runTokenChecks(steps(algFails), subject());
      expect(byPhase.checks).toEqual(inOneGo.checks);
      expect(byPhase.failure?.detail).toBe(inOneGo.failure?.detail);
    }
  });
});
