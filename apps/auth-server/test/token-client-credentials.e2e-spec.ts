import { TokenResponseSchema } from '@oauth-flow-lab/contracts';
import { claimsOf } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { getAuthorize } from './fixtures/authorization-steps';
import { expectErrorPage, expectJsonError } from './fixtures/expectations';
import { postForm } from './fixtures/form-requests';
import { clientWeb, type Credentials } from './fixtures/refresh-tokens';
import { basicAuthorization, postToken, redeemCode } from './fixtures/token-request';

/** grant_type=client_credentials (RFC 6749 §4.4), for the seeded machine client reporting-service. */
describe('POST /token: grant_type=client_credentials', () => {
  let sut: TestAuthServer;
  let reporting: Credentials;
  const clientCredentials = (credentials: Credentials, scope?: string) =>
    postToken(
      sut,
      { grant_type: 'client_credentials', scope },
      { Authorization: basicAuthorization(credentials.clientId, credentials.secret) },
    );

  beforeAll(async () => {
    sut = await startAuthServer();
    reporting = {
      clientId: 'reporting-service',
      secret: sut.config.seed.reportingServiceSecret,
    };
  });
  afterAll(() => sut.close());

  it('issues a token for the client itself: sub = client_id, all its scopes, no auth_time, no refresh token', async () => {
    const response = await clientCredentials(reporting)
      .expect(200)
      .expect('Cache-Control', 'no-store');
    expect(Object.keys(response.body as object).sort()).toEqual([
      'access_token',
      'expires_in',
      'scope',
      'token_type',
    ]);
    expect(TokenResponseSchema.parse(response.body).scope).toBe('notes:stats');

    const claims = await claimsOf(sut, response.body);
    expect(claims).toMatchObject({ sub: 'reporting-service', client_id: 'reporting-service' });
    expect(claims.scope).toBe('notes:stats');
    expect(claims).not.toHaveProperty('auth_time');
    // No user's grant: only its own jti can revoke it (RFC 7009).
    expect(claims).not.toHaveProperty('grant_id');
  });

  it('accepts an explicit scope within the allowed ones, and client_secret_post', async () => {
    const response = await postToken(sut, {
      grant_type: 'client_credentials',
      scope: 'notes:stats',
      client_id: reporting.clientId,
      client_secret: reporting.secret,
    }).expect(200);
    expect(TokenResponseSchema.parse(response.body).scope).toBe('notes:stats');
  });

  it.each(['notes:read', 'notes:stats notes:write', 'admin'])(
    'scope=%s beyond the allowed scopes -> invalid_scope',
    async (scope) => {
      expectJsonError(await clientCredentials(reporting, scope), 400, 'invalid_scope');
    },
  );

  it('a wrong secret -> 401 invalid_client', async () => {
    const wrong = { clientId: 'reporting-service', secret: 'wrong-secret' };
    expectJsonError(await clientCredentials(wrong), 401, 'invalid_client');
  });

  it('the secret comes from REPORTING_SERVICE_SECRET', async () => {
    const other = await startAuthServer({ REPORTING_SERVICE_SECRET: 'another-reporting-secret' });
    try {
      await postToken(
        other,
        { grant_type: 'client_credentials' },
        { Authorization: basicAuthorization('reporting-service', 'another-reporting-secret') },
      ).expect(200);
    } finally {
      await other.close();
    }
  });

  it('case 22: client-web asking for client_credentials -> unauthorized_client', async () => {
    expectJsonError(await clientCredentials(clientWeb(sut)), 400, 'unauthorized_client');
  });

  it('case 22: reporting-service redeeming a code -> unauthorized_client', async () => {
    const issued = await authorizeAndGetCode(sut);
    expectJsonError(await redeemCode(sut, issued, {}, reporting), 400, 'unauthorized_client');
  });

  it('reporting-service at /authorize -> the 400 page: it has no redirect URI to send an error to', async () => {
    const response = await getAuthorize(sut, {
      client_id: 'reporting-service',
      scope: 'notes:stats',
    });
    expectErrorPage(response, 400);
    expect(response.text).toContain('redirect_uri is not registered');
  });

  it('its token introspects as active, for itself only', async () => {
    const { access_token: token } = TokenResponseSchema.parse(
      (await clientCredentials(reporting)).body,
    );
    const mine = await postForm(sut, '/introspect', { token }, reporting).expect(200);
    expect(mine.body).toMatchObject({
      active: true,
      sub: 'reporting-service',
      scope: 'notes:stats',
    });
    const theirs = await postForm(sut, '/introspect', { token }, clientWeb(sut)).expect(200);
    expect(theirs.body).toEqual({ active: false });
  });
});
