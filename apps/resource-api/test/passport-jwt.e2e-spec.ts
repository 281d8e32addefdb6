import { createPublicKey, KeyObject } from 'node:crypto';
import { Strategy as JwtStrategy } from 'passport-jwt';
import request from 'supertest';
import { accessToken, nowInSeconds } from './fixtures/access-tokens';
import { expectInvalidToken, useResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/** passport-jwt's own seam for the jsonwebtoken call it makes (`JwtStrategy.JwtVerifier`). */
type JwtVerifier = (token: string, key: unknown, options: object, done: () => void) => void;
const passportJwt = JwtStrategy as unknown as { JwtVerifier: JwtVerifier };

/**
 * Step 6 goes through @nestjs/passport and passport-jwt, used the standard way: the key the kid
 * names in the issuer's JWK Set, and jsonwebtoken verifying RS256 only, the signature, nbf and exp
 * (60 s of leeway), aud and iss (libs/resource-guards jwt/passport-jwt.adapter.ts).
 */
describe('resource-api: the access token is verified through passport-jwt', () => {
  const key = createSigningKey('key-1');
  const sut = useResourceApi([key]);

  const getNotes = (token: string) =>
    request(sut.app.getHttpServer()).get('/notes').set('Authorization', `Bearer ${token}`);

  afterEach(() => jest.restoreAllMocks());

  it("has jsonwebtoken verify the signature with the issuer's key, RS256 only", async () => {
    const verifier = jest.spyOn(passportJwt, 'JwtVerifier');
    const token = accessToken(key);

    await getNotes(token).expect(200);

    expect(verifier).toHaveBeenCalledTimes(1);
    const [verified, publicKey, options] = verifier.mock.calls[0];
    expect(verified).toBe(token);
    // The key set's key, parsed once when the set was fetched (a KeyObject, not a PEM to parse).
    expect(publicKey).toBeInstanceOf(KeyObject);
    expect((publicKey as KeyObject).equals(createPublicKey(key.publicKeyPem))).toBe(true);
    expect(options).toEqual({
      algorithms: ['RS256'],
      audience: 'http://localhost:3003',
      issuer: 'http://localhost:3000',
      clockTolerance: 60,
      complete: true,
      ignoreExpiration: false,
    });
  });

  it('answers an expired token with the exp check, as jsonwebtoken found it', async () => {
    const verifier = jest.spyOn(passportJwt, 'JwtVerifier');
    const expired = accessToken(key, { claims: { exp: nowInSeconds() - 90 } });
    expectInvalidToken(await getNotes(expired), /^The access token expired$/);
    expect(verifier).toHaveBeenCalledTimes(1);
  });
});
