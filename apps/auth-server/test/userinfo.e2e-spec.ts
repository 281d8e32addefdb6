import { TokenResponseSchema, UserInfoResponseSchema } from '@oauth-flow-lab/contracts';
import request from 'supertest';
import { UserInfoController } from '../src/oidc/userinfo.controller';
import { fetchJwks } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, authorizeAndGetCode, type FlowOptions } from './fixtures/authorization-flow';
import { forgedAccessToken, postForm } from './fixtures/form-requests';
import { clientWeb } from './fixtures/refresh-tokens';
import { redeemCode } from './fixtures/token-request';

/** GET/POST /userinfo (OIDC Core §5.3) and its RFC 6750 §3 errors. */
describe(UserInfoController.name, () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  async function accessToken(options: FlowOptions): Promise<string> {
    const issued = await authorizeAndGetCode(sut, options);
    return TokenResponseSchema.parse((await redeemCode(sut, issued).expect(200)).body).access_token;
  }

  const userinfo = (token: string) =>
    request(sut.publicServer).get('/userinfo').set('Authorization', `Bearer ${token}`);

  it('answers sub, name and preferred_username for openid profile, not cacheable', async () => {
    const token = await accessToken({ scope: 'openid profile notes:read' });
    const response = await userinfo(token)
      .expect(200)
      .expect('Content-Type', /application\/json/)
      .expect('Cache-Control', 'no-store');
    expect(UserInfoResponseSchema.strict().parse(response.body)).toEqual({
      sub: ALICE,
      name: 'Alice Liddell',
      preferred_username: 'alice',
    });
  });

  it('answers only sub when profile was not granted', async () => {
    const token = await accessToken({ scope: 'openid profile', grantScope: ['openid'] });
    expect((await userinfo(token).expect(200)).body).toEqual({ sub: ALICE });
  });

  it('accepts POST too (OIDC Core §5.3.1)', async () => {
    const token = await accessToken({ scope: 'openid profile' });
    const response = await request(sut.publicServer)
      .post('/userinfo')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(response.body).toMatchObject({ sub: ALICE, name: 'Alice Liddell' });
  });

  it('case 27: no token -> 401 WWW-Authenticate: Bearer without error code', async () => {
    const response = await request(sut.publicServer).get('/userinfo').expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="http://localhost:3000"');
  });

  it('a token in the query string is not read: 401 as if none was sent', async () => {
    const token = await accessToken({ scope: 'openid' });
    const response = await request(sut.publicServer)
      .get('/userinfo')
      .query({ access_token: token })
      .expect(401);
    expect(response.headers['www-authenticate']).not.toContain('error=');
  });

  it.each([
    ['a malformed token', () => Promise.resolve('not-a-jwt')],
    [
      'a token signed with another key',
      async () => forgedAccessToken((await fetchJwks(sut)).keys[0].kid, { sub: ALICE }),
    ],
  ])('case 28: %s -> 401 error="invalid_token"', async (_label, makeToken) => {
    const response = await userinfo(await makeToken()).expect(401);
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer realm=".*", error="invalid_token"/,
    );
    expect(response.body).toMatchObject({ error: 'invalid_token' });
  });

  it('case 30: an id_token presented as an access token -> 401 invalid_token', async () => {
    const issued = await authorizeAndGetCode(sut, { scope: 'openid' });
    const idToken = TokenResponseSchema.parse(
      (await redeemCode(sut, issued).expect(200)).body,
    ).id_token;
    const response = await userinfo(idToken ?? '').expect(401);
    expect(response.body).toMatchObject({ error: 'invalid_token' });
  });

  it('a revoked access token -> 401 invalid_token (RFC 7009)', async () => {
    const token = await accessToken({ scope: 'openid profile' });
    await userinfo(token).expect(200);
    await postForm(sut, '/revoke', { token }, clientWeb(sut)).expect(200);
    const response = await userinfo(token).expect(401);
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('case 32: a valid token without openid -> 403 error="insufficient_scope", scope="openid"', async () => {
    const token = await accessToken({ scope: 'notes:read' });
    const response = await userinfo(token).expect(403);
    expect(response.headers['www-authenticate']).toContain('error="insufficient_scope"');
    expect(response.headers['www-authenticate']).toContain('scope="openid"');
    expect(response.body).toMatchObject({ error: 'insufficient_scope' });
  });
});
