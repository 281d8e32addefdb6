import request from 'supertest';
import {
  accessToken,
  accessTokenClaims,
  base64urlJson,
  signHs256,
  signRs256,
  unsecuredJwt,
} from './fixtures/access-tokens';
import {
  expectBearerError,
  expectInvalidToken,
  MODES,
  refusalIn,
  useResourceApi,
} from './fixtures/resource-api';
import { createSigningKey } from './fixtures/signing-keys';

/**
 * Step 6, RFC 6750: how the token is presented, and tokens that are not genuine. The same tests in
 * both modes: every forgery is refused alike, with the same status, code and challenge; only the
 * description differs (introspection mode can only say auth-server does not call it active).
 */
describe.each(MODES)(
  'resource-api: presenting the access token (RFC 6750, TOKEN_VALIDATION=%s)',
  (mode) => {
    const key = createSigningKey('key-1');
    const otherKey = createSigningKey('key-1');
    const sut = useResourceApi([key], mode);

    const getNotes = (authorization?: string) => {
      const call = request(sut.app.getHttpServer()).get('/notes');
      return authorization === undefined ? call : call.set('Authorization', authorization);
    };

    it('accepts a genuine access token (the baseline for every refusal below)', async () => {
      await getNotes(`Bearer ${accessToken(key)}`).expect(200);
    });

    it('case 27: no token -> 401 WWW-Authenticate: Bearer without error code', async () => {
      const response = await getNotes().expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="http://localhost:3003"');
      expect(response.body).toEqual({
        error: 'unauthorized',
        error_description:
          'This resource needs an access token: send it as Authorization: Bearer <token>',
      });
    });

    it('case 27: another scheme is no Bearer token either -> the same bare challenge', async () => {
      const response = await getNotes('Basic Y2xpZW50LXdlYjpzZWNyZXQ=').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="http://localhost:3003"');
    });

    it('case 28: malformed token -> 401 invalid_token', async () => {
      for (const token of ['not-a-jwt', 'a.b', 'a.b.c', `${base64urlJson([1])}.e30.c2ln`]) {
        expectInvalidToken(await getNotes(`Bearer ${token}`), refusalIn(mode, /not a JWT/));
      }
    });

    it('case 28: an Authorization header that is not Bearer <token> -> 401 invalid_request', async () => {
      expectBearerError(
        await getNotes('Bearer'),
        401,
        'invalid_request',
        /Bearer followed by one token/,
      );
      expectBearerError(await getNotes('Bearer a b'), 401, 'invalid_request');
    });

    it('case 28: alg none -> 401 invalid_token', async () => {
      const token = unsecuredJwt({ alg: 'none', typ: 'at+jwt', kid: key.kid }, accessTokenClaims());
      expectInvalidToken(await getNotes(`Bearer ${token}`), refusalIn(mode, /alg is not accepted/));
    });

    it('case 28: HS256 signed with the public key PEM -> 401 invalid_token', async () => {
      const header = { alg: 'HS256', typ: 'at+jwt', kid: key.kid };
      const token = signHs256(key.publicKeyPem, header, accessTokenClaims());
      expectInvalidToken(await getNotes(`Bearer ${token}`), refusalIn(mode, /alg is not accepted/));
    });

    it('case 28: tampered payload -> 401 invalid_token', async () => {
      const [header, , signature] = accessToken(key).split('.');
      const tampered = base64urlJson(
        accessTokenClaims({ sub: 'b7e4d913-2c58-4f06-a3d9-51e8c7a2f630' }),
      );
      expectInvalidToken(
        await getNotes(`Bearer ${header}.${tampered}.${signature}`),
        refusalIn(mode, /signature/),
      );
    });

    it('case 28: bad signature (right kid, another key) -> 401 invalid_token', async () => {
      expectInvalidToken(
        await getNotes(`Bearer ${accessToken(otherKey)}`),
        refusalIn(mode, /signature/),
      );
      const [header, payload] = accessToken(key).split('.');
      const garbage = Buffer.alloc(256, 7).toString('base64url');
      expectInvalidToken(
        await getNotes(`Bearer ${header}.${payload}.${garbage}`),
        refusalIn(mode, /signature/),
      );
    });

    it('case 28: unknown kid -> 401 invalid_token', async () => {
      const token = signRs256(
        key,
        { alg: 'RS256', typ: 'at+jwt', kid: 'key-2' },
        accessTokenClaims(),
      );
      expectInvalidToken(await getNotes(`Bearer ${token}`), refusalIn(mode, /kid names no key/));
    });

    it('case 32: token in the query string refused -> 401 invalid_request', async () => {
      const response = await request(sut.app.getHttpServer())
        .get('/notes')
        .query({ access_token: accessToken(key) });
      expectBearerError(response, 401, 'invalid_request', /Authorization header only/);
    });

    it('case 32: token in the query string refused even with the header too', async () => {
      const token = accessToken(key);
      const response = await getNotes(`Bearer ${token}`).query({ access_token: token });
      expectBearerError(response, 401, 'invalid_request');
    });

    it('case 32: token in a form field refused -> 401 invalid_request', async () => {
      const response = await request(sut.app.getHttpServer())
        .post('/notes')
        .type('form')
        .send({ access_token: accessToken(key), title: 't', body: 'b' });
      expectBearerError(response, 401, 'invalid_request', /Authorization header only/);
    });
  },
);
