import request from 'supertest';
import { claimsOf, fetchJwks } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { registerClient, type TestClient } from './fixtures/clients';
import { expectJsonError } from './fixtures/expectations';
import { forgedAccessToken, postForm } from './fixtures/form-requests';
import { isRevoked } from './fixtures/issued-tokens';
import {
  clientWeb,
  isRefreshTokenRevoked,
  refresh,
  tokensWithRefresh,
  withRefreshToken,
} from './fixtures/refresh-tokens';

/** POST /revoke (RFC 7009). */
describe('POST /revoke', () => {
  let sut: TestAuthServer;
  let clientB: TestClient;
  const revoke = (params: Record<string, string | undefined>, credentials = clientWeb(sut)) =>
    postForm(sut, '/revoke', params, credentials);

  beforeAll(async () => {
    sut = await startAuthServer();
    clientB = await registerClient(sut, { clientId: 'client-b' });
  });
  afterAll(() => sut.close());

  it('case 34: revoking a refresh token revokes its whole grant, access tokens included', async () => {
    const first = await tokensWithRefresh(sut);
    const second = withRefreshToken(await refresh(sut, first.refresh_token));

    const response = await revoke({ token: second.refresh_token, token_type_hint: 'refresh_token' })
      .expect(200)
      .expect('Cache-Control', 'no-store');
    expect(response.text).toBe('');

    for (const tokens of [first, second]) {
      expect(await isRevoked(sut, await claimsOf(sut, tokens))).toBe(true);
    }
    expect(await isRefreshTokenRevoked(sut, second.refresh_token)).toBe(true);
    expectJsonError(await refresh(sut, second.refresh_token), 400, 'invalid_grant');
  });

  it('revokes an access token by its jti; the refresh token of the grant keeps working', async () => {
    const tokens = await tokensWithRefresh(sut);
    await revoke({ token: tokens.access_token, token_type_hint: 'access_token' }).expect(200);
    expect(await isRevoked(sut, await claimsOf(sut, tokens))).toBe(true);
    await refresh(sut, tokens.refresh_token).expect(200);
  });

  it.each([['access_token'], ['refresh_token'], ['no_such_hint']])(
    'token_type_hint=%s is a hint only: both kinds are found whatever it says',
    async (hint) => {
      const a = await tokensWithRefresh(sut);
      const b = await tokensWithRefresh(sut);
      await revoke({ token: a.refresh_token, token_type_hint: hint }).expect(200);
      await revoke({ token: b.access_token, token_type_hint: hint }).expect(200);
      expect(await isRefreshTokenRevoked(sut, a.refresh_token)).toBe(true);
      expect(await isRevoked(sut, await claimsOf(sut, b))).toBe(true);
    },
  );

  it.each([
    ['an unknown token', 'x'.repeat(43)],
    ['garbage', '%%%not.a.token'],
    ['a JWT-shaped string', 'eyJhbGciOiJub25lIn0.eyJqdGkiOiIxIn0.'],
  ])('case 34: %s -> 200', async (_, token) => {
    const response = await revoke({ token }).expect(200).expect('Cache-Control', 'no-store');
    expect(response.text).toBe('');
  });

  it('case 34: an already revoked token -> 200', async () => {
    const tokens = await tokensWithRefresh(sut);
    await revoke({ token: tokens.refresh_token }).expect(200);
    await revoke({ token: tokens.refresh_token }).expect(200);
    await revoke({ token: tokens.access_token }).expect(200);
  });

  it("case 34: another client's tokens -> 200, and neither is revoked", async () => {
    const tokens = await tokensWithRefresh(sut);
    await revoke({ token: tokens.refresh_token }, clientB).expect(200);
    await revoke({ token: tokens.access_token }, clientB).expect(200);
    expect(await isRefreshTokenRevoked(sut, tokens.refresh_token)).toBe(false);
    expect(await isRevoked(sut, await claimsOf(sut, tokens))).toBe(false);
  });

  it("a forged JWT naming another client's jti -> 200, and nothing is revoked", async () => {
    const tokens = await tokensWithRefresh(sut);
    const claims = await claimsOf(sut, tokens);
    const { kid } = (await fetchJwks(sut)).keys[0];
    const forged = forgedAccessToken(kid, { ...claims, client_id: clientB.clientId });
    await revoke({ token: forged }, clientB).expect(200);
    await revoke({ token: forgedAccessToken(kid, claims) }).expect(200);
    expect(await isRevoked(sut, claims)).toBe(false);
  });

  it('case 34: no token -> 400 invalid_request', async () => {
    const body = expectJsonError(await revoke({ token: undefined }), 400, 'invalid_request');
    expect(body.error_description).toBe('token is required');
  });

  it('without client authentication -> 401 invalid_client', async () => {
    const tokens = await tokensWithRefresh(sut);
    const response = await postForm(sut, '/revoke', { token: tokens.refresh_token }, null);
    expectJsonError(response, 401, 'invalid_client');
    const wrong = { clientId: 'client-web', secret: 'wrong' };
    expectJsonError(await revoke({ token: tokens.refresh_token }, wrong), 401, 'invalid_client');
    expect(await isRefreshTokenRevoked(sut, tokens.refresh_token)).toBe(false);
  });

  it('authenticates with client_secret_post too', async () => {
    const tokens = await tokensWithRefresh(sut);
    await postForm(
      sut,
      '/revoke',
      {
        token: tokens.refresh_token,
        client_id: 'client-web',
        client_secret: clientWeb(sut).secret,
      },
      null,
    ).expect(200);
    expect(await isRefreshTokenRevoked(sut, tokens.refresh_token)).toBe(true);
  });

  it('a JSON body -> 400 invalid_request', async () => {
    const response = await request(sut.publicServer)
      .post('/revoke')
      .set('Content-Type', 'application/json')
      .send({ token: 'x' });
    expectJsonError(response, 400, 'invalid_request');
  });

  it('a repeated token -> 400 invalid_request', async () => {
    const response = await request(sut.publicServer)
      .post('/revoke')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('token=a&token=b&client_id=client-web&client_secret=' + clientWeb(sut).secret);
    expectJsonError(response, 400, 'invalid_request');
  });

  it('case 23: token[a]=b (an object in the bracket syntax) -> 400 invalid_request, nothing revoked', async () => {
    const tokens = await tokensWithRefresh(sut);
    const response = await request(sut.publicServer)
      .post('/revoke')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(
        `token=${tokens.refresh_token}&token_type_hint[a]=b&client_id=client-web&client_secret=${clientWeb(sut).secret}`,
      );
    expectJsonError(response, 400, 'invalid_request');
    expect((await refresh(sut, tokens.refresh_token)).status).toBe(200);
  });
});
