import { IntrospectionResponseSchema, TokenResponseSchema } from '@oauth-flow-lab/contracts';
import type request from 'supertest';
import { ClientEntity } from '../src/clients/client.entity';
import { claimsOf } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, authorizeAndGetCode } from './fixtures/authorization-flow';
import { getAuthorize } from './fixtures/authorization-steps';
import { registerClient, type TestClient } from './fixtures/clients';
import { expectErrorPage, expectJsonError } from './fixtures/expectations';
import { postForm } from './fixtures/form-requests';
import { clientWeb, type Credentials, tokensWithRefresh } from './fixtures/refresh-tokens';
import {
  asReportingService,
  basicAuthorization,
  postToken,
  redeemCode,
} from './fixtures/token-request';

const AUDIENCE = 'http://localhost:3003';

/**
 * The seeded client `resource-api`: the resource server's registration, for its
 * TOKEN_VALIDATION=introspection mode (RFC 7662 §2.1: the protected resource authenticates at
 * /introspect). It may introspect the access tokens for its audience, whichever client they were
 * issued to (introspection/may-introspect.ts), and do nothing else: no grant at /token.
 */
describe('the resource server client resource-api', () => {
  let sut: TestAuthServer;
  let resourceApi: Credentials;
  let otherResourceServer: TestClient;
  const introspect = (token: string, credentials: Credentials) =>
    postForm(sut, '/introspect', { token, token_type_hint: 'access_token' }, credentials);
  const expectInactive = (response: request.Response) => {
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"active":false}');
  };
  const reportingToken = async () => {
    const response = await postToken(
      sut,
      { grant_type: 'client_credentials' },
      asReportingService(sut),
    ).expect(200);
    return TokenResponseSchema.parse(response.body).access_token;
  };

  beforeAll(async () => {
    sut = await startAuthServer();
    resourceApi = { clientId: 'resource-api', secret: sut.config.seed.resourceApiSecret };
    otherResourceServer = await registerClient(sut, {
      clientId: 'other-api',
      redirectUris: [],
      grantTypes: [],
      allowedScopes: [],
      introspectsAudience: 'http://localhost:3004',
    });
  });
  afterAll(() => sut.close());

  it('is seeded with no grant, no scope, no redirect URI, and the access-token audience to introspect', async () => {
    const seeded = await sut.dataSource
      .getRepository(ClientEntity)
      .findOneByOrFail({ clientId: 'resource-api' });
    expect(seeded).toMatchObject({
      grantTypes: [],
      allowedScopes: [],
      redirectUris: [],
      introspectsAudience: AUDIENCE,
    });
    expect(seeded.secretDigest).not.toContain(resourceApi.secret);
  });

  it("may introspect an access token client-web got, for its audience: the token's claims", async () => {
    const tokens = await tokensWithRefresh(sut);
    const claims = await claimsOf(sut, tokens);
    const response = await introspect(tokens.access_token, resourceApi).expect(200);
    expect(IntrospectionResponseSchema.parse(response.body)).toEqual({
      active: true,
      scope: 'openid offline_access notes:read',
      client_id: 'client-web',
      sub: ALICE,
      exp: claims.exp,
      iat: claims.iat,
      iss: 'http://localhost:3000',
      aud: AUDIENCE,
      jti: claims.jti,
      token_type: 'access_token',
    });
  });

  it('may introspect a client_credentials token of reporting-service too, whoever the client', async () => {
    const response = await introspect(await reportingToken(), resourceApi).expect(200);
    expect(response.body).toMatchObject({
      active: true,
      client_id: 'reporting-service',
      sub: 'reporting-service',
      aud: AUDIENCE,
    });
  });

  it('sees a revocation at once: a revoked access token -> {"active":false}', async () => {
    const tokens = await tokensWithRefresh(sut);
    await postForm(sut, '/revoke', { token: tokens.access_token }, clientWeb(sut)).expect(200);
    expectInactive(await introspect(tokens.access_token, resourceApi));
  });

  it('learns nothing of refresh tokens: they are not for any resource server (no aud)', async () => {
    const tokens = await tokensWithRefresh(sut);
    expectInactive(
      await postForm(
        sut,
        '/introspect',
        { token: tokens.refresh_token, token_type_hint: 'refresh_token' },
        resourceApi,
      ),
    );
  });

  it("another resource server learns nothing of resource-api's tokens: its audience is another", async () => {
    const tokens = await tokensWithRefresh(sut);
    const other = { clientId: otherResourceServer.clientId, secret: otherResourceServer.secret };
    expectInactive(await introspect(tokens.access_token, other));
  });

  it("case 33: an ordinary client still learns nothing of another client's access token", async () => {
    const token = await reportingToken();
    expectInactive(await introspect(token, clientWeb(sut)));
  });

  it('case 33: resource-api with a wrong secret -> 401 invalid_client', async () => {
    const tokens = await tokensWithRefresh(sut);
    const response = await introspect(tokens.access_token, { ...resourceApi, secret: 'wrong' });
    expectJsonError(response, 401, 'invalid_client');
  });

  describe('it may do nothing else', () => {
    it.each(['client_credentials', 'refresh_token', 'authorization_code'])(
      'case 22: /token grant_type=%s -> 400 unauthorized_client',
      async (grantType) => {
        const response = await postToken(
          sut,
          { grant_type: grantType, refresh_token: 'x', code: 'x', redirect_uri: 'x' },
          { Authorization: basicAuthorization(resourceApi.clientId, resourceApi.secret) },
        );
        expectJsonError(response, 400, 'unauthorized_client');
      },
    );

    it('case 22: redeeming a code issued to client-web -> unauthorized_client', async () => {
      const issued = await authorizeAndGetCode(sut);
      expectJsonError(await redeemCode(sut, issued, {}, resourceApi), 400, 'unauthorized_client');
    });

    it('at /authorize -> the 400 page: it has no redirect URI', async () => {
      const response = await getAuthorize(sut, { client_id: 'resource-api', scope: 'notes:read' });
      expectErrorPage(response, 400);
    });

    it("/revoke of client-web's token changes nothing (RFC 7009 §2.1: not its token)", async () => {
      const tokens = await tokensWithRefresh(sut);
      await postForm(sut, '/revoke', { token: tokens.access_token }, resourceApi).expect(200);
      const stillActive = await introspect(tokens.access_token, resourceApi).expect(200);
      expect(stillActive.body).toMatchObject({ active: true });
    });
  });

  it('takes its secret from RESOURCE_API_CLIENT_SECRET', async () => {
    const other = await startAuthServer({ RESOURCE_API_CLIENT_SECRET: 'another-resource-secret' });
    try {
      const tokens = await tokensWithRefresh(other);
      const response = await postForm(
        other,
        '/introspect',
        { token: tokens.access_token },
        { clientId: 'resource-api', secret: 'another-resource-secret' },
      ).expect(200);
      expect(response.body).toMatchObject({ active: true, client_id: 'client-web' });
    } finally {
      await other.close();
    }
  });
});
