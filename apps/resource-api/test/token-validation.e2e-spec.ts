import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  accessToken,
  accessTokenClaims,
  AUDIENCE,
  ISSUER,
  nowInSeconds,
  signRs256,
} from './fixtures/access-tokens';
import { FakeAuthServer, INTROSPECTION_PATH, JWKS_PATH } from './fixtures/fake-auth-server';
import { expectInvalidToken, MODES, refusalIn, startResourceApiIn } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * Step 6, RFC 9068 §4 and RFC 8725: a genuinely signed JWT is still refused unless it is our access
 * token. The same tests in both modes: in `jwt` mode resource-api's own checks refuse it, in
 * `introspection` mode auth-server does not call it active (or, for what it does vouch for,
 * resource-api's checks of the answer refuse it).
 */
describe.each(MODES)(
  'resource-api: validating the access token (RFC 9068 §4, TOKEN_VALIDATION=%s)',
  (mode) => {
    const key = createSigningKey('key-1');
    const attackerKey = createSigningKey('attacker-key');
    let jwks: FakeAuthServer;
    let attacker: FakeAuthServer;
    let app: INestApplication<Server>;

    beforeAll(async () => {
      jwks = await FakeAuthServer.start([key]);
      attacker = await FakeAuthServer.start([attackerKey]);
      app = await startResourceApiIn(mode, jwks);
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
        expectInvalidToken(await getNotes(token), refusalIn(mode, /kid names no key/));
        // Never a path made of the kid: the key set (jwt), or the question to auth-server (introspection).
        expect(new Set(jwks.requests)).toEqual(
          new Set([mode === 'jwt' ? JWKS_PATH : INTROSPECTION_PATH]),
        );
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
        expectInvalidToken(await getNotes(forged), refusalIn(mode, /kid names no key/));
        const forgedWithOurKid = signRs256(
          attackerKey,
          { alg: 'RS256', typ: 'at+jwt', kid: key.kid, ...evil },
          accessTokenClaims(),
        );
        expectInvalidToken(await getNotes(forgedWithOurKid), refusalIn(mode, /signature/));
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
            refusalIn(mode, /not an access token/),
          );
        },
      );

      it('case 30: an id_token signed with the same key -> 401', async () => {
        const now = nowInSeconds();
        const idToken = signRs256(
          key,
          { alg: 'RS256', typ: 'JWT', kid: key.kid },
          {
            iss: ISSUER,
            sub: 'alice',
            aud: 'client-web',
            iat: now,
            exp: now + 600,
            nonce: 'n-0S6',
          },
        );
        expectInvalidToken(await getNotes(idToken), refusalIn(mode, /not an access token/));
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
          expectInvalidToken(
            response,
            refusalIn(
              mode,
              claim === 'iss'
                ? /issuer/
                : claim === 'aud'
                  ? /\(aud\)/
                  : new RegExp(`claims: ${claim}`),
            ),
          );
        },
      );

      it('case 31: wrong aud -> 401', async () => {
        for (const aud of ['http://localhost:3002', ['client-web'], `${AUDIENCE}/`]) {
          expectInvalidToken(
            await getNotes(accessToken(key, { claims: { aud } })),
            refusalIn(mode, /\(aud\)/),
          );
        }
      });

      it('accepts an aud array that contains this resource server', async () => {
        await getNotes(accessToken(key, { claims: { aud: ['other-api', AUDIENCE] } })).expect(200);
      });

      it('case 31: iss with a trailing slash -> 401', async () => {
        const token = accessToken(key, { claims: { iss: `${ISSUER}/` } });
        expectInvalidToken(await getNotes(token), refusalIn(mode, /issuer \(iss\)/));
      });

      it('case 31: expired (beyond the 60 s leeway) -> 401', async () => {
        const now = nowInSeconds();
        const token = accessToken(key, { claims: { iat: now - 700, exp: now - 90 } });
        expectInvalidToken(await getNotes(token), refusalIn(mode, /expired/));
      });

      it('a token expired 30 s ago: jwt mode allows for clock skew (60 s), introspection follows auth-server, whose clock says expired', async () => {
        const now = nowInSeconds();
        const token = accessToken(key, { claims: { iat: now - 630, exp: now - 30 } });
        if (mode === 'jwt') {
          await getNotes(token).expect(200);
        } else {
          expectInvalidToken(await getNotes(token), refusalIn(mode, /expired/));
        }
      });

      it('case 31: nbf in the future beyond 60 s -> 401', async () => {
        const token = accessToken(key, { claims: { nbf: nowInSeconds() + 120 } });
        expectInvalidToken(await getNotes(token), refusalIn(mode, /not valid yet/));
      });

      it('nbf 30 s ahead: jwt mode allows for clock skew (60 s), introspection follows auth-server, for which it is not valid yet', async () => {
        const token = accessToken(key, { claims: { nbf: nowInSeconds() + 30 } });
        if (mode === 'jwt') {
          await getNotes(token).expect(200);
        } else {
          expectInvalidToken(await getNotes(token), refusalIn(mode, /not valid yet/));
        }
      });
    });
  },
);
