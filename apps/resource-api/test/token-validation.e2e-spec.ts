import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import {
  accessToken,
  accessTokenClaims,
  AUDIENCE,
  ISSUER,
  nowInSeconds,
  signRs256,
} from './fixtures/access-tokens';
import { FakeJwksServer, JWKS_PATH } from './fixtures/fake-jwks-server';
import { expectInvalidToken, startResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/** Step 6, RFC 9068 §4 and RFC 8725: a genuinely signed JWT is still refused unless it is our access token. */
describe('resource-api: validating the access token (RFC 9068 §4)', () => {
  const key = createSigningKey('key-1');
  const attackerKey = createSigningKey('attacker-key');
  let jwks: FakeJwksServer;
  let attacker: FakeJwksServer;
  let app: NestExpressApplication;

  beforeAll(async () => {
    jwks = await FakeJwksServer.start([key]);
    attacker = await FakeJwksServer.start([attackerKey]);
    app = await startResourceApi(jwks.jwksUrl);
  });

  afterAll(async () => {
    await app.close();
    await jwks.stop();
    await attacker.stop();
  });

  const getNotes = (token: string) =>
    request(app.getHttpServer()).get('/notes').set('Authorization', `Bearer ${token}`);

  describe('case 29: the key comes from the configured JWKS only', () => {
    it.each([
      '../../../etc/passwd',
      "' OR '1'='1",
      'key-1/../key-1',
      '%2e%2e%2fkey-1',
      'key-1\u0000',
    ])('case 29: kid %j is only looked up in the key map -> 401', async (kid) => {
      const token = signRs256(key, { alg: 'RS256', typ: 'at+jwt', kid }, accessTokenClaims());
      expectInvalidToken(await getNotes(token), /kid names no key/);
      expect(new Set(jwks.requests)).toEqual(new Set([JWKS_PATH]));
    });

    it('case 29: jku, x5u and jwk headers pointing at another server are never fetched', async () => {
      const evil = {
        jku: attacker.jwksUrl,
        x5u: `${attacker.baseUrl}/cert.pem`,
        jwk: attackerKey.publicJwk,
      };
      const forged = signRs256(
        attackerKey,
        { alg: 'RS256', typ: 'at+jwt', kid: attackerKey.kid, ...evil },
        accessTokenClaims(),
      );
      expectInvalidToken(await getNotes(forged), /kid names no key/);
      const forgedWithOurKid = signRs256(
        attackerKey,
        { alg: 'RS256', typ: 'at+jwt', kid: key.kid, ...evil },
        accessTokenClaims(),
      );
      expectInvalidToken(await getNotes(forgedWithOurKid), /signature/);
      // The headers are simply ignored: a genuine token carrying them is verified with our key.
      await getNotes(accessToken(key, { header: evil })).expect(200);
      expect(attacker.requests).toEqual([]);
    });
  });

  describe('case 30: only access tokens, not other JWTs signed by the same key', () => {
    it.each([['JWT'], ['jwt'], ['id_token+jwt'], [undefined]])(
      'case 30: typ %s -> 401',
      async (typ) => {
        expectInvalidToken(
          await getNotes(accessToken(key, { header: { typ } })),
          /not an access token/,
        );
      },
    );

    it('case 30: an id_token signed with the same key -> 401', async () => {
      const now = nowInSeconds();
      const idToken = signRs256(
        key,
        { alg: 'RS256', typ: 'JWT', kid: key.kid },
        { iss: ISSUER, sub: 'alice', aud: 'client-web', iat: now, exp: now + 600, nonce: 'n-0S6' },
      );
      expectInvalidToken(await getNotes(idToken), /not an access token/);
    });

    it('accepts typ application/at+jwt as well (RFC 9068 §4)', async () => {
      await getNotes(accessToken(key, { header: { typ: 'application/at+jwt' } })).expect(200);
    });
  });

  describe('case 31: claims', () => {
    it.each(['iss', 'sub', 'aud', 'client_id', 'scope', 'iat', 'exp', 'jti'])(
      'case 31: required claim %s missing -> 401',
      async (claim) => {
        const response = await getNotes(accessToken(key, { claims: { [claim]: undefined } }));
        expectInvalidToken(response);
        expect(response.headers['www-authenticate']).toMatch(
          claim === 'iss' ? /issuer/ : claim === 'aud' ? /\(aud\)/ : new RegExp(`claims: ${claim}`),
        );
      },
    );

    it('case 31: wrong aud -> 401', async () => {
      for (const aud of ['http://localhost:3002', ['client-web'], `${AUDIENCE}/`]) {
        expectInvalidToken(await getNotes(accessToken(key, { claims: { aud } })), /\(aud\)/);
      }
    });

    it('accepts an aud array that contains this resource server', async () => {
      await getNotes(accessToken(key, { claims: { aud: ['other-api', AUDIENCE] } })).expect(200);
    });

    it('case 31: iss with a trailing slash -> 401', async () => {
      const token = accessToken(key, { claims: { iss: `${ISSUER}/` } });
      expectInvalidToken(await getNotes(token), /issuer \(iss\)/);
    });

    it('case 31: expired (beyond the 60 s leeway) -> 401', async () => {
      const now = nowInSeconds();
      const token = accessToken(key, { claims: { iat: now - 700, exp: now - 90 } });
      expectInvalidToken(await getNotes(token), /expired/);
    });

    it('accepts a token expired less than 60 s ago (clock skew)', async () => {
      const now = nowInSeconds();
      await getNotes(accessToken(key, { claims: { iat: now - 630, exp: now - 30 } })).expect(200);
    });

    it('case 31: nbf in the future beyond 60 s -> 401', async () => {
      const token = accessToken(key, { claims: { nbf: nowInSeconds() + 120 } });
      expectInvalidToken(await getNotes(token), /not valid yet/);
    });

    it('accepts nbf less than 60 s in the future (clock skew)', async () => {
      await getNotes(accessToken(key, { claims: { nbf: nowInSeconds() + 30 } })).expect(200);
    });
  });
});
