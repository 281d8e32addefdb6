import { createHmac, sign } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import fc from 'fast-check';
import { AccessTokenChecks } from './access-token-checks';
import { inspectAccessToken } from './token-checks-report';
import { JwtReport } from './token-report';
import { AccessTokenGuard, StepSixEvents } from '@oauth-flow-lab/resource-guards';
import { JwtValidation } from '@oauth-flow-lab/resource-guards/checks';
import {
  accessTokenClaims,
  apiAnswer,
  attackerKey,
  ISSUER,
  issuerKey,
  issuerPublicPem,
  keySet,
  now,
  OPTIONS as options,
  part,
} from '@oauth-flow-lab/resource-guards/testing';

/**
 * The guard (passport-jwt and jsonwebtoken, stopping at the first failure) and the demo's report
 * (every check of access-token-checks.ts, each with what it found) are two ways through the same
 * check functions. They must never tell different stories: for any token, hostile ones above all,
 * the report's verdict, RFC 6750 code and first failure are exactly what the API answers.
 */
/**
 * What a hostile token may get wrong, each applied to an otherwise valid token (header, claims,
 * signature, or the key set being away). A case is any few of them at once: where two checks
 * fail, the first in the guard's order must be the report's first failure too.
 */
type Token = { header: Record<string, unknown>; claims: Record<string, unknown>; signer: Signer };
type Signer = 'issuer' | 'attacker' | 'hmac-with-public-key' | 'none';
const FAULTS: Record<string, (token: Token, at: number) => void> = {
  'alg none': (t) => (t.header['alg'] = 'none'),
  'alg HS256': (t) => (t.header['alg'] = 'HS256'),
  'alg RS512': (t) => (t.header['alg'] = 'RS512'),
  'alg missing': (t) => delete t.header['alg'],
  'typ JWT (an id_token)': (t) => (t.header['typ'] = 'JWT'),
  'typ missing': (t) => delete t.header['typ'],
  'kid unknown': (t) => (t.header['kid'] = 'key-2'),
  'kid empty': (t) => (t.header['kid'] = ''),
  'kid a number': (t) => (t.header['kid'] = 42),
  'crit header': (t) => (t.header['crit'] = ['exp']),
  'jku header': (t) => (t.header['jku'] = 'https://attacker.example/jwks.json'),
  "attacker's signature": (t) => (t.signer = 'attacker'),
  'HS256 keyed with the public key': (t) => (t.signer = 'hmac-with-public-key'),
  'no signature': (t) => (t.signer = 'none'),
  'iss with a trailing slash': (t) => (t.claims['iss'] = `${ISSUER}/`),
  'iss missing': (t) => delete t.claims['iss'],
  'aud of another server': (t) => (t.claims['aud'] = 'http://localhost:3002'),
  'aud a list without us': (t) => (t.claims['aud'] = ['x', 1]),
  'aud missing': (t) => delete t.claims['aud'],
  'expired beyond the leeway': (t, at) => (t.claims['exp'] = at - 90),
  'expired within the leeway': (t, at) => (t.claims['exp'] = at - 30),
  'exp a string': (t) => (t.claims['exp'] = '600'),
  'exp missing': (t) => delete t.claims['exp'],
  'nbf beyond the leeway': (t, at) => (t.claims['nbf'] = at + 120),
  'nbf within the leeway': (t, at) => (t.claims['nbf'] = at + 30),
  'nbf null': (t) => (t.claims['nbf'] = null),
  'sub missing': (t) => delete t.claims['sub'],
  'client_id a number': (t) => (t.claims['client_id'] = 7),
  'scope without notes:read': (t) => (t.claims['scope'] = 'openid notes:write'),
  'scope malformed': (t) => (t.claims['scope'] = ' notes:read'),
  'jti missing': (t) => delete t.claims['jti'],
  'key set away': () => undefined,
};
const FAULT_NAMES = Object.keys(FAULTS);

function tokenWith(faults: readonly string[]): string {
  const at = now();
  const token: Token = {
    header: { alg: 'RS256', typ: 'at+jwt', kid: 'key-1' },
    claims: accessTokenClaims({ iat: at, exp: at + 600 }),
    signer: 'issuer',
  };
  for (const fault of faults) {
    FAULTS[fault](token, at);
  }
  const input = `${part(token.header)}.${part(token.claims)}`;
  const signatures: Record<Signer, () => string> = {
    issuer: () => sign('sha256', Buffer.from(input), issuerKey.privateKey).toString('base64url'),
    attacker: () =>
      sign('sha256', Buffer.from(input), attackerKey.privateKey).toString('base64url'),
    'hmac-with-public-key': () =>
      createHmac('sha256', issuerPublicPem).update(input).digest('base64url'),
    none: () => '',
  };
  return `${input}.${signatures[token.signer]()}`;
}

const ways = [false, true].map((down) => {
  const keys = keySet(down);
  const validation = new JwtValidation(options, keys);
  return {
    report: new JwtReport(new AccessTokenChecks(options, keys)),
    guard: new AccessTokenGuard(validation, new Reflector(), new StepSixEvents()),
  };
});

describe('the guard and the report agree on every token', () => {
  /** What the API and the report say of a token with these faults. */
  async function bothWays(faults: readonly string[]) {
    const { guard, report: jwtReport } = ways[faults.includes('key set away') ? 1 : 0];
    const token = tokenWith(faults);
    const answer = await apiAnswer(guard, token);
    const report = await inspectAccessToken(jwtReport, token, 'notes:read');
    const run = await jwtReport.report(token, ['notes:read']);
    return { answer, report, run };
  }

  it('serves the valid token both ways', async () => {
    const { answer, report } = await bothWays([]);
    expect(answer).toBeUndefined();
    expect(report.verdict).toBe('valid');
  });

  it('gives the same verdict, status, error code and first failure for any few faults at once', async () => {
    // Every single fault and every pair of them, then random sets of up to four.
    const pairs = FAULT_NAMES.flatMap((first, i) =>
      FAULT_NAMES.slice(i).map((second): [string[]] => [[...new Set([first, second])]]),
    );
    await fc.assert(
      fc.asyncProperty(fc.subarray(FAULT_NAMES, { minLength: 1, maxLength: 4 }), async (faults) => {
        const { answer, report, run } = await bothWays(faults);
        expect(report.verdict).toBe(answer === undefined ? 'valid' : 'invalid');
        expect(run.failure?.answer.getStatus()).toBe(answer?.getStatus());
        expect(run.failure?.answer.error).toBe(answer?.error);
        expect(run.failure?.answer.errorDescription).toBe(answer?.errorDescription);
      }),
      { examples: pairs, numRuns: pairs.length + 300 },
    );
  });
});
