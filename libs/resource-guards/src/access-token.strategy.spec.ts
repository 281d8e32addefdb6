import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AuthGuard } from '@nestjs/passport';
import passport from 'passport';
import { Strategy as JwtStrategy } from 'passport-jwt';
import { AccessTokenGuard } from './access-token.guard';
import { ACCESS_TOKEN_STRATEGY, AccessTokenStrategy } from './access-token.strategy';
import { InvalidToken, ResourceAccessError } from './errors/resource-access.errors';
import { RequireScopes } from './scopes/require-scopes.decorator';
import { AccessTokenChecks } from './token/access-token-checks';
import { tokenChecksOf } from './token/token-check-trail';
import { JwtValidation } from './validation/jwt-validation';

const ISSUER = 'http://localhost:3000';
const AUDIENCE = 'http://localhost:3003';
const KID = 'key-1';
const issuerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function accessToken(claims: Record<string, unknown> = {}, key: KeyObject = issuerKey.privateKey) {
  const payload = {
    iss: ISSUER,
    sub: 'alice',
    aud: AUDIENCE,
    client_id: 'client-web',
    scope: 'openid notes:read',
    iat: now(),
    exp: now() + 600,
    jti: 'b2f0c7d4-9e1a-4c55-8f0e-7d3a6b1c2e90',
    ...claims,
  };
  const input = `${part({ alg: 'RS256', typ: 'at+jwt', kid: KID })}.${part(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

class NotesRoutes {
  @RequireScopes('notes:read')
  list(this: void): void {
    return undefined;
  }
}

/** passport-jwt's own seam for the jsonwebtoken call it makes (`JwtStrategy.JwtVerifier`). */
type JwtVerifier = (token: string, key: unknown, options: object, done: () => void) => void;
const passportJwt = JwtStrategy as unknown as { JwtVerifier: JwtVerifier };

describe(AccessTokenStrategy.name, () => {
  const checks = new AccessTokenChecks(
    { issuer: ISSUER, audience: AUDIENCE, jwksUri: 'http://127.0.0.1:9/jwks.json' },
    { publicKeyFor: () => Promise.resolve({ publicKey: issuerKey.publicKey, keySetSize: 1 }) },
  );
  const guard = new AccessTokenGuard(new JwtValidation(checks), new Reflector());
  let sut: AccessTokenStrategy;
  let registered: jest.SpyInstance;

  beforeAll(() => {
    registered = jest.spyOn(passport, 'use');
    sut = new AccessTokenStrategy();
  });

  afterEach(() => jest.restoreAllMocks());

  /** What the guard answers `token` on a route requiring notes:read, and the checks it made. */
  async function guarded(token: string) {
    const request = { headers: { authorization: `Bearer ${token}` }, query: {}, body: undefined };
    const context = new ExecutionContextHost(
      [request, {}],
      NotesRoutes,
      NotesRoutes.prototype.list,
    );
    const answer = await guard.canActivate(context).catch((error: unknown) => {
      if (error instanceof ResourceAccessError) {
        return error;
      }
      throw error;
    });
    const run = tokenChecksOf(request);
    const outcomes = Object.fromEntries(run?.checks.map((c) => [c.name, c.outcome]) ?? []);
    return { answer, request, outcomes };
  }

  it("is passport-jwt's Strategy, registered with passport as 'access-token'", () => {
    expect(sut).toBeInstanceOf(JwtStrategy);
    expect(registered).toHaveBeenCalledWith(ACCESS_TOKEN_STRATEGY, sut);
  });

  it("is what AccessTokenGuard authenticates with in jwt mode: @nestjs/passport's AuthGuard('access-token')", async () => {
    const authenticated = jest.spyOn(AuthGuard(ACCESS_TOKEN_STRATEGY).prototype, 'canActivate');
    const { answer } = await guarded(accessToken());
    expect(answer).toBe(true);
    expect(authenticated).toHaveBeenCalledTimes(1);
  });

  it('lets jsonwebtoken verify the signature, RS256 only, and leaves exp and nbf to the list', async () => {
    const verifier = jest.spyOn(passportJwt, 'JwtVerifier');
    const validate = jest.spyOn(AccessTokenStrategy.prototype, 'validate');
    const token = accessToken();

    const { answer, request } = await guarded(token);

    expect(answer).toBe(true);
    expect(verifier).toHaveBeenCalledTimes(1);
    expect(verifier).toHaveBeenCalledWith(
      token,
      issuerKey.publicKey,
      { algorithms: ['RS256'], ignoreExpiration: true, ignoreNotBefore: true },
      expect.any(Function),
    );
    expect(validate).toHaveBeenCalledWith(
      request,
      expect.objectContaining({ sub: 'alice' }),
      expect.any(Function),
    );
    expect(tokenChecksOf(request)?.checks.every((check) => check.outcome === 'pass')).toBe(true);
    expect(request).toMatchObject({ user: { sub: 'alice', clientId: 'client-web' } });
  });

  it('answers an expired token with the exp check, not with jsonwebtoken', async () => {
    const verifier = jest.spyOn(passportJwt, 'JwtVerifier');
    const { answer, outcomes } = await guarded(accessToken({ exp: now() - 90 }));
    expect(verifier).toHaveBeenCalledTimes(1);
    expect(answer).toEqual(new InvalidToken('The access token expired'));
    expect(outcomes).toMatchObject({ signature: 'pass', exp: 'fail', scope: 'pass' });
  });

  it('makes a signature jsonwebtoken refuses the signature check, and validate() is never called', async () => {
    const validate = jest.spyOn(AccessTokenStrategy.prototype, 'validate');
    const { answer, outcomes } = await guarded(accessToken({}, attackerKey.privateKey));
    expect(validate).not.toHaveBeenCalled();
    expect(answer).toEqual(new InvalidToken("The access token's signature does not verify"));
    expect(Object.values(outcomes).join(' ')).toBe(
      'pass pass pass pass fail skipped skipped skipped skipped skipped skipped',
    );
  });

  it('hands passport-jwt no key for a header the list refuses: jsonwebtoken is not asked', async () => {
    const verifier = jest.spyOn(passportJwt, 'JwtVerifier');
    const unsigned = `${part({ alg: 'none', typ: 'at+jwt', kid: KID })}.${part({ sub: 'x' })}.`;
    const { answer, outcomes } = await guarded(unsigned);
    expect(verifier).not.toHaveBeenCalled();
    expect(answer).toBeInstanceOf(InvalidToken);
    expect(outcomes).toMatchObject({ format: 'pass', alg: 'fail', signature: 'skipped' });
  });
});
