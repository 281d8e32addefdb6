import type { KeyObject } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import passport from 'passport';
import { Strategy as JwtStrategy } from 'passport-jwt';
import { AccessTokenGuard } from '../access-token.guard';
import { InvalidToken } from '../errors/resource-access.errors';
import {
  accessTokenClaims,
  apiAnswer,
  attackerKey,
  AUDIENCE,
  ISSUER,
  issuerKey,
  KID,
  now,
  OPTIONS as options,
  part,
  signed,
} from '../testing';
import { type AccessTokenChecked, StepSixEvents } from '../step-six.events';
import type { FoundKey } from '../token/check-key';
import { JwtValidation } from '../validation/jwt-validation';

const accessToken = (claims: Record<string, unknown> = {}, key?: KeyObject) =>
  signed({}, accessTokenClaims(claims), key);

/** passport-jwt's own seam for the jsonwebtoken call it makes (`JwtStrategy.JwtVerifier`). */
type JwtVerifier = (token: string, key: unknown, options: object, done: () => void) => void;
const passportJwt = JwtStrategy as unknown as { JwtVerifier: JwtVerifier };

describe('JwtValidation through passport-jwt (PassportJwtAccessTokens)', () => {
  // The set in hand starts empty: each test's lookup fetches (publicKeyFor), unless it says not.
  const keys = {
    keyInHand: jest.fn((_kid: string): FoundKey | undefined => undefined),
    publicKeyFor: jest.fn(() => Promise.resolve({ publicKey: issuerKey.publicKey, keySetSize: 1 })),
  };
  const events = new StepSixEvents();
  const told: AccessTokenChecked[] = [];
  events.on((event) => told.push(event));
  let registered: jest.SpyInstance;
  let guard: AccessTokenGuard;

  beforeAll(() => {
    registered = jest.spyOn(passport, 'use');
    const validation = new JwtValidation(options, keys);
    guard = new AccessTokenGuard(validation, new Reflector(), events);
  });

  beforeEach(() => {
    told.length = 0;
    keys.keyInHand.mockClear();
    keys.publicKeyFor.mockClear();
  });

  afterEach(() => jest.restoreAllMocks());

  /** What the guard answers `token` on a route requiring notes:read, and what it raised. */
  async function guarded(token: string) {
    const answer = await apiAnswer(guard, token);
    expect(told).toHaveLength(1);
    return { answer, event: told[0] };
  }

  it("registers passport-jwt's Strategy under a name of its own app: passport's registry is process-wide", () => {
    const [[name, strategy]] = registered.mock.calls as [string, unknown][];
    expect(name).toMatch(/^access-token-\d+$/);
    expect(strategy).toBeInstanceOf(JwtStrategy);
    const other = new JwtValidation(options, keys);
    expect(other).toBeInstanceOf(JwtValidation);
    const [, [otherName]] = registered.mock.calls as [string, unknown][];
    expect(otherName).not.toBe(name);
  });

  it("is what AccessTokenGuard authenticates with in jwt mode: @nestjs/passport's AuthGuard", async () => {
    const [[name]] = registered.mock.calls as [string, unknown][];
    const authenticated = jest.spyOn(AuthGuard(name).prototype, 'canActivate');
    const { answer } = await guarded(accessToken());
    expect(answer).toBeUndefined();
    expect(authenticated).toHaveBeenCalledTimes(1);
  });

  it('has jsonwebtoken verify RS256, the signature, exp and nbf with 60 s of leeway, aud and iss', async () => {
    const verifier = jest.spyOn(passportJwt, 'JwtVerifier');
    const token = accessToken();

    const { answer, event } = await guarded(token);

    expect(answer).toBeUndefined();
    expect(verifier).toHaveBeenCalledTimes(1);
    expect(verifier).toHaveBeenCalledWith(
      token,
      issuerKey.publicKey,
      {
        algorithms: ['RS256'],
        audience: AUDIENCE,
        issuer: ISSUER,
        clockTolerance: 60,
        complete: true,
        ignoreExpiration: false,
      },
      expect.any(Function),
    );
    expect(event).toMatchObject({
      verdict: 'accepted',
      mode: 'jwt',
      requiredScopes: ['notes:read'],
      facts: { kid: KID, clientId: 'client-web', jti: 'b2f0c7d4-9e1a-4c55-8f0e-7d3a6b1c2e90' },
    });
  });

  it("answers an expired token with the exp check, in the report's words", async () => {
    const { answer, event } = await guarded(accessToken({ exp: now() - 90 }));
    expect(answer).toEqual(new InvalidToken('The access token expired'));
    expect(event).toMatchObject({
      verdict: 'refused',
      check: 'exp',
      detail: expect.stringMatching(/^expired 9\d s ago, beyond the 60 s leeway$/),
    });
  });

  it.each([
    [
      'aud',
      { aud: 'http://localhost:3002' },
      'The access token is not meant for this resource server (aud)',
    ],
    ['iss', { iss: `${ISSUER}/` }, 'The access token was not issued by the expected issuer (iss)'],
    ['nbf', { nbf: now() + 600 }, 'The access token is not valid yet (nbf)'],
  ])(
    'answers a token jsonwebtoken refuses for %s with that check',
    async (check, claims, description) => {
      const { answer, event } = await guarded(accessToken(claims));
      expect(answer).toEqual(new InvalidToken(description));
      expect(event).toMatchObject({ verdict: 'refused', check });
    },
  );

  it('makes a signature jsonwebtoken refuses the signature check: the claims are never read', async () => {
    const { answer, event } = await guarded(accessToken({ sub: 7 }, attackerKey.privateKey));
    expect(answer).toEqual(new InvalidToken("The access token's signature does not verify"));
    expect(event).toMatchObject({ verdict: 'refused', check: 'signature' });
  });

  it('reads the claims once verified: a signed token lacking one is refused by the claims check', async () => {
    const { answer, event } = await guarded(accessToken({ jti: undefined }));
    expect(answer).toEqual(new InvalidToken('The token lacks or has malformed claims: jti'));
    expect(event).toMatchObject({ verdict: 'refused', check: 'claims' });
  });

  it('checks the scope last: 403 insufficient_scope for a valid token without it', async () => {
    const { answer, event } = await guarded(accessToken({ scope: 'openid notes:write' }));
    expect(answer).toMatchObject({ error: 'insufficient_scope' });
    expect(event).toMatchObject({ verdict: 'refused', check: 'scope' });
  });

  it('takes a key the set in hand has at once, and fetches the set only for a kid it lacks', async () => {
    keys.keyInHand.mockReturnValueOnce({ publicKey: issuerKey.publicKey, keySetSize: 1 });
    expect((await guarded(accessToken())).answer).toBeUndefined();
    expect(keys.keyInHand).toHaveBeenCalledWith(KID);
    expect(keys.publicKeyFor).not.toHaveBeenCalled();

    told.length = 0;
    expect((await guarded(accessToken())).answer).toBeUndefined();
    expect(keys.publicKeyFor).toHaveBeenCalledWith(KID);
  });

  it('looks no key up for a header it refuses: jsonwebtoken is not asked', async () => {
    const verifier = jest.spyOn(passportJwt, 'JwtVerifier');
    const unsigned = `${part({ alg: 'none', typ: 'at+jwt', kid: KID })}.${part({ sub: 'x' })}.`;
    const { answer, event } = await guarded(unsigned);
    expect(keys.keyInHand).not.toHaveBeenCalled();
    expect(keys.publicKeyFor).not.toHaveBeenCalled();
    expect(verifier).not.toHaveBeenCalled();
    expect(answer).toBeInstanceOf(InvalidToken);
    expect(event).toMatchObject({ verdict: 'refused', check: 'alg' });
  });
});
