import { IntrospectionResponseSchema } from '@oauth-flow-lab/contracts';
import type request from 'supertest';
import { claimsOf, fetchJwks } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE } from './fixtures/authorization-flow';
import { registerClient, type TestClient } from './fixtures/clients';
import { expectJsonError } from './fixtures/expectations';
import { forgedAccessToken, postForm } from './fixtures/form-requests';
import {
  clientWeb,
  expireRefreshToken,
  refresh,
  refreshTokenRecord,
  tokensWithRefresh,
} from './fixtures/refresh-tokens';

/** POST /introspect (RFC 7662). */
describe('POST /introspect', () => {
  let sut: TestAuthServer;
  let clientB: TestClient;
  const introspect = (params: Record<string, string | undefined>, credentials = clientWeb(sut)) =>
    postForm(sut, '/introspect', params, credentials);

  /** RFC 7662 §2.2: nothing but `active: false`. */
  const expectInactive = (response: request.Response) => {
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"active":false}');
  };

  beforeAll(async () => {
    sut = await startAuthServer();
    clientB = await registerClient(sut, { clientId: 'client-b' });
  });
  afterAll(() => sut.close());

  it('an active access token: its claims, token_type access_token', async () => {
    const tokens = await tokensWithRefresh(sut);
    const claims = await claimsOf(sut, tokens);
    const response = await introspect({ token: tokens.access_token })
      .expect(200)
      .expect('Cache-Control', 'no-store');
    expect(IntrospectionResponseSchema.parse(response.body)).toEqual({
      active: true,
      scope: 'openid offline_access notes:read',
      client_id: 'client-web',
      sub: ALICE,
      exp: claims.exp,
      iat: claims.iat,
      iss: 'http://localhost:3000',
      aud: 'http://localhost:3003',
      jti: claims.jti,
      token_type: 'access_token',
    });
  });

  it('an active refresh token: its grant, token_type refresh_token', async () => {
    const tokens = await tokensWithRefresh(sut);
    const record = await refreshTokenRecord(sut, tokens.refresh_token);
    const response = await introspect({ token: tokens.refresh_token }).expect(200);
    expect(IntrospectionResponseSchema.parse(response.body)).toEqual({
      active: true,
      scope: 'openid offline_access notes:read',
      client_id: 'client-web',
      sub: ALICE,
      exp: record.expiresAt,
      iat: record.createdAt,
      iss: 'http://localhost:3000',
      token_type: 'refresh_token',
    });
  });

  it('token_type_hint only orders the search', async () => {
    const tokens = await tokensWithRefresh(sut);
    const asRefresh = await introspect({
      token: tokens.refresh_token,
      token_type_hint: 'access_token',
    });
    expect(asRefresh.body).toMatchObject({ active: true, token_type: 'refresh_token' });
    const asAccess = await introspect({
      token: tokens.access_token,
      token_type_hint: 'refresh_token',
    });
    expect(asAccess.body).toMatchObject({ active: true, token_type: 'access_token' });
  });

  it.each([
    ['an unknown value', 'x'.repeat(43)],
    ['garbage', '%%%'],
    ['an unsigned JWT', 'eyJhbGciOiJub25lIn0.eyJqdGkiOiIxIn0.'],
  ])('case 33: %s -> exactly {"active":false}', async (_, token) => {
    expectInactive(await introspect({ token }));
  });

  it('case 33: a forged access token with our kid and a real jti -> inactive', async () => {
    const tokens = await tokensWithRefresh(sut);
    const { kid } = (await fetchJwks(sut)).keys[0];
    expectInactive(
      await introspect({ token: forgedAccessToken(kid, await claimsOf(sut, tokens)) }),
    );
  });

  it('case 33: revoked access and refresh tokens -> inactive', async () => {
    const a = await tokensWithRefresh(sut);
    const b = await tokensWithRefresh(sut);
    await postForm(sut, '/revoke', { token: a.access_token }, clientWeb(sut)).expect(200);
    await postForm(sut, '/revoke', { token: b.refresh_token }, clientWeb(sut)).expect(200);
    expectInactive(await introspect({ token: a.access_token }));
    expectInactive(await introspect({ token: b.refresh_token }));
    expectInactive(await introspect({ token: b.access_token }));
  });

  it('case 33: a rotated-out refresh token -> inactive, its successor active', async () => {
    const tokens = await tokensWithRefresh(sut);
    const next = (await refresh(sut, tokens.refresh_token).expect(200)).body as {
      refresh_token: string;
    };
    expectInactive(await introspect({ token: tokens.refresh_token }));
    expect((await introspect({ token: next.refresh_token })).body).toMatchObject({ active: true });
  });

  it('case 33: an expired refresh token -> inactive', async () => {
    const tokens = await tokensWithRefresh(sut);
    await expireRefreshToken(sut, tokens.refresh_token);
    expectInactive(await introspect({ token: tokens.refresh_token }));
  });

  it('case 33: an expired access token -> inactive', async () => {
    const shortLived = await startAuthServer({ ACCESS_TOKEN_TTL_SECONDS: '1' });
    try {
      const tokens = await tokensWithRefresh(shortLived);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const response = await postForm(
        shortLived,
        '/introspect',
        { token: tokens.access_token },
        clientWeb(shortLived),
      );
      expectInactive(response);
    } finally {
      await shortLived.close();
    }
  });

  it("case 33: another client's tokens -> inactive", async () => {
    const tokens = await tokensWithRefresh(sut);
    expectInactive(await introspect({ token: tokens.access_token }, clientB));
    expectInactive(await introspect({ token: tokens.refresh_token }, clientB));
  });

  it('case 33: without client authentication -> 401 invalid_client', async () => {
    const tokens = await tokensWithRefresh(sut);
    const response = await postForm(sut, '/introspect', { token: tokens.access_token }, null);
    expectJsonError(response, 401, 'invalid_client');
    expect(response.headers['www-authenticate']).toMatch(/^Basic /);
    const wrong = { clientId: 'client-web', secret: 'wrong' };
    expectJsonError(await introspect({ token: tokens.access_token }, wrong), 401, 'invalid_client');
  });

  it('no token -> 400 invalid_request', async () => {
    const body = expectJsonError(await introspect({}), 400, 'invalid_request');
    expect(body.error_description).toBe('token is required');
  });
});
