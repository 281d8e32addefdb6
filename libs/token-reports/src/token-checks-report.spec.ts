import { createHmac } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import {
  TOKEN_CHECK_NAMES,
  type TokenChecksReport,
  TokenChecksReportSchema,
} from '@oauth-flow-lab/contracts';
import { AccessTokenChecks } from './access-token-checks';
import { inspectAccessToken } from './token-checks-report';
import { JwtReport } from './token-report';
import { AccessTokenGuard, StepSixEvents } from '@oauth-flow-lab/resource-guards';
import { type KeyLookup, JwtValidation } from '@oauth-flow-lab/resource-guards/checks';
import {
  accessTokenClaims as claims,
  apiAnswer,
  attackerKey,
  AUDIENCE,
  ISSUER,
  issuerPublicPem,
  KID,
  keySet,
  now,
  OPTIONS as options,
  part,
  signed as rs256,
} from '@oauth-flow-lab/resource-guards/testing';

const tokens = {
  valid: rs256({}, claims()),
  notAJwt: 'not-a-jwt',
  algNone: `${part({ alg: 'none', typ: 'at+jwt', kid: KID })}.${part(claims())}.`,
  hs256: (() => {
    const input = `${part({ alg: 'HS256', typ: 'at+jwt', kid: KID })}.${part(claims())}`;
    return `${input}.${createHmac('sha256', issuerPublicPem).update(input).digest('base64url')}`;
  })(),
  idToken: rs256(
    { typ: 'JWT' },
    { iss: ISSUER, sub: 'alice', aud: 'client-web', iat: now(), exp: now() + 600, nonce: 'n' },
  ),
  unknownKid: rs256({ kid: 'key-2' }, claims()),
  badSignature: rs256({}, claims(), attackerKey.privateKey),
  wrongIss: rs256({}, claims({ iss: `${ISSUER}/` })),
  wrongAud: rs256({}, claims({ aud: 'http://localhost:3002' })),
  expired: rs256({}, claims({ iat: now() - 700, exp: now() - 90 })),
  nbfInFuture: rs256({}, claims({ nbf: now() + 120 })),
  missingClaim: rs256({}, claims({ client_id: undefined })),
  insufficientScope: rs256({}, claims()),
};

/** Step 6 in jwt mode over `keys`: the guard's validation, and the report beside it. */
const jwtWays = (keys: KeyLookup) => ({
  guard: new AccessTokenGuard(
    new JwtValidation(options, keys),
    new Reflector(),
    new StepSixEvents(),
  ),
  report: new JwtReport(new AccessTokenChecks(options, keys)),
});

/** Outcomes in TOKEN_CHECK_NAMES order: P pass, F fail, - skipped. */
const outcomesOf = (report: TokenChecksReport) =>
  report.checks.map(({ outcome }) => ({ pass: 'P', fail: 'F', skipped: '-' })[outcome]).join('');

describe(inspectAccessToken.name, () => {
  const sut = jwtWays(keySet());

  //                format alg typ kid signature nbf exp aud iss claims scope
  it.each([
    ['a valid token', 'valid', 'notes:read', 'PPPPPPPPPPP', undefined],
    ['not a JWT', 'notAJwt', 'notes:read', 'F----------', 'invalid_token'],
    ['alg none', 'algNone', 'notes:read', 'PFP--------', 'invalid_token'],
    ['HS256 keyed with the public key', 'hs256', 'notes:read', 'PFP--------', 'invalid_token'],
    ['an id_token (typ JWT)', 'idToken', 'notes:read', 'PPF--------', 'invalid_token'],
    ['an unknown kid', 'unknownKid', 'notes:read', 'PPPF-------', 'invalid_token'],
    ['a bad signature', 'badSignature', 'notes:read', 'PPPPF------', 'invalid_token'],
    ['a wrong iss', 'wrongIss', 'notes:read', 'PPPPPPPPFPP', 'invalid_token'],
    ['a wrong aud', 'wrongAud', 'notes:read', 'PPPPPPPFPPP', 'invalid_token'],
    ['an expired token', 'expired', 'notes:read', 'PPPPPPFPPPP', 'invalid_token'],
    ['nbf in the future', 'nbfInFuture', 'notes:read', 'PPPPPFPPPPP', 'invalid_token'],
    ['a missing claim', 'missingClaim', 'notes:read', 'PPPPPPPPPF-', 'invalid_token'],
    [
      'an insufficient scope',
      'insufficientScope',
      'notes:write',
      'PPPPPPPPPPF',
      'insufficient_scope',
    ],
  ] as const)(
    'reports %s check by check, with the answer the API gives it',
    async (_case, name, scope, outcomes, error) => {
      const report = await inspectAccessToken(sut.report, tokens[name], scope);
      expect(TokenChecksReportSchema.parse(report)).toEqual(report);
      expect(report.checks.map((check) => check.name)).toEqual(TOKEN_CHECK_NAMES);
      expect(outcomesOf(report)).toBe(outcomes);
      expect(report.verdict).toBe(error === undefined ? 'valid' : 'invalid');
      expect(report.error).toBe(error);
      expect(report.required_scope).toBe(scope);

      const answer = await apiAnswer(sut.guard, tokens[name], scope);
      expect(report.verdict).toBe(answer === undefined ? 'valid' : 'invalid');
      expect(report.error).toBe(answer?.error);
      // The first failure is the guard's: the same check, in the same words.
      const run = await sut.report.report(tokens[name], [scope]);
      expect(answer?.errorDescription).toBe(run.failure?.answer.errorDescription);
      expect(JSON.stringify(report)).not.toContain(tokens[name].split('.')[1] || tokens[name]);
    },
  );

  it('says what each check found', async () => {
    const valid = await inspectAccessToken(sut.report, tokens.valid, 'notes:read');
    expect(Object.fromEntries(valid.checks.map(({ name, detail }) => [name, detail]))).toEqual({
      format: 'a JWS in compact serialization: three base64url parts, JSON header and payload',
      alg: 'alg RS256 is on the allow-list',
      typ: 'typ at+jwt: an access token',
      kid: `kid "${KID}" is in the issuer's key set (2 keys)`,
      signature: `verifies with key "${KID}" (RS256)`,
      iss: `iss is "${ISSUER}"`,
      aud: `aud names "${AUDIENCE}"`,
      exp: expect.stringMatching(/^expires in (599|600) s$/),
      nbf: 'no nbf claim: valid from issue',
      claims: 'sub, client_id "client-web", scope, iat, jti present',
      scope: 'grants notes:read',
    });
    expect(valid.checks.map(({ rfc }) => rfc)).toEqual([
      'RFC 7515 §7.1',
      'RFC 8725 §3.1',
      'RFC 9068 §4',
      'RFC 7517 §4.5',
      'RFC 7515 §5.2',
      'RFC 7519 §4.1.5',
      'RFC 7519 §4.1.4',
      'RFC 9068 §4',
      'RFC 9068 §4',
      'RFC 9068 §2.2',
      'RFC 6750 §3.1',
    ]);
  });

  it.each([
    ['algNone', 'alg', 'alg "none" is not on the allow-list (RS256)'],
    ['idToken', 'typ', 'typ "JWT" is not at+jwt: not an access token (an id_token is typ JWT)'],
    ['badSignature', 'signature', `does not verify with key "${KID}"`],
    ['expired', 'exp', /^expired (90|91) s ago, beyond the 60 s leeway$/],
    ['missingClaim', 'claims', 'The token lacks or has malformed claims: client_id'],
    ['insufficientScope', 'scope', 'needs notes:write; the token grants openid notes:read'],
  ] as const)('explains why %s fails its %s check', async (name, check, detail) => {
    const scope = name === 'insufficientScope' ? 'notes:write' : 'notes:read';
    const report = await inspectAccessToken(sut.report, tokens[name], scope);
    expect(report.checks.find((c) => c.name === check)?.detail).toMatch(detail);
  });

  it('reports a skipped check with the check that kept it from being made', async () => {
    const report = await inspectAccessToken(sut.report, tokens.unknownKid, 'notes:read');
    expect(report.checks.find((check) => check.name === 'signature')).toEqual({
      name: 'signature',
      outcome: 'skipped',
      detail: 'not made: kid did not pass',
      rfc: 'RFC 7515 §5.2',
    });
  });

  it('has no RFC 6750 code when the key set cannot be fetched: the API answers 503', async () => {
    const down = jwtWays(keySet(true));
    const report = await inspectAccessToken(down.report, tokens.valid, 'notes:read');
    expect(outcomesOf(report)).toBe('PPPF-------');
    expect(report.verdict).toBe('invalid');
    expect(report.error).toBeUndefined();
    expect((await apiAnswer(down.guard, tokens.valid, 'notes:read'))?.getStatus()).toBe(503);
  });
});
