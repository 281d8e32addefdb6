import { IdTokenClaimsSchema } from '@oauth-flow-lab/contracts';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { ALICE_SUB } from '../src/seeds/notes.seed';
import { accessToken, ISSUER, nowInSeconds, signRs256 } from './fixtures/access-tokens';
import { expectInvalidToken, MODES, refusalIn, useResourceApi } from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * OpenID Connect gives client-web two JWTs signed by the same auth-server key. The id_token is for
 * client-web (authentication: `typ: JWT`, `aud: client-web`); only the access token is for
 * resource-api (authorization: `typ: at+jwt`, `aud` = resource-api). A client, or a thief, that
 * presents the id_token as a bearer token is refused, by either difference on its own. In
 * introspection mode auth-server tells resource-api only about access tokens meant for it.
 */
describe.each(MODES)(
  'resource-api refuses an id_token used as an access token (case 30, TOKEN_VALIDATION=%s)',
  (mode) => {
    const key = createSigningKey('key-1');
    const sut = useResourceApi([key], mode);

    const getNotes = (token: string) =>
      request(sut.app.getHttpServer()).get('/notes').set('Authorization', `Bearer ${token}`);

    /** The claims auth-server puts in an id_token (OIDC Core §2), checked against the contract. */
    function idTokenClaims(): Record<string, unknown> {
      const now = nowInSeconds();
      return IdTokenClaimsSchema.parse({
        iss: ISSUER,
        sub: ALICE_SUB,
        aud: 'client-web',
        exp: now + 600,
        iat: now,
        auth_time: now,
        nonce: 'n-0S6_WzA2Mj',
        at_hash: createHash('sha256').update('x').digest().subarray(0, 16).toString('base64url'),
        name: 'Alice Liddell',
        preferred_username: 'alice',
      });
    }

    it('case 30: a genuine id_token (typ JWT, aud client-web) -> 401 invalid_token', async () => {
      const idToken = signRs256(key, { alg: 'RS256', typ: 'JWT', kid: key.kid }, idTokenClaims());
      expectInvalidToken(await getNotes(idToken), refusalIn(mode, /not an access token/));
    });

    it('case 31: relabelled typ at+jwt, with every RFC 9068 claim, it is still refused: aud is client-web', async () => {
      const claims = {
        ...idTokenClaims(),
        client_id: 'client-web',
        scope: 'notes:read',
        jti: 'j-1',
      };
      const relabelled = signRs256(key, { alg: 'RS256', typ: 'at+jwt', kid: key.kid }, claims);
      expectInvalidToken(await getNotes(relabelled), refusalIn(mode, /aud/));
    });

    it('while the access token signed by the same key is accepted', async () => {
      await getNotes(accessToken(key)).expect(200);
    });
  },
);
