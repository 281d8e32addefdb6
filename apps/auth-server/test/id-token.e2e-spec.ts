import { TokenResponseSchema } from '@oauth-flow-lab/contracts';
import { IdTokenIssuer } from '../src/oidc/id-token-issuer';
import { fetchJwks } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, authorizeAndGetCode, locationOf } from './fixtures/authorization-flow';
import { getAuthorize } from './fixtures/authorization-steps';
import { expectedAtHash, verifiedIdToken } from './fixtures/id-tokens';
import { redeemCode } from './fixtures/token-request';
import { refresh, tokensWithRefresh } from './fixtures/refresh-tokens';

/** OpenID Connect: the id_token beside the access token (OIDC Core §2, §3.1.3.3, §3.1.3.6). */
describe(IdTokenIssuer.name, () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  it('issues an RS256 id_token for client-web, with nonce, auth_time and at_hash', async () => {
    const issued = await authorizeAndGetCode(sut, {
      scope: 'openid notes:read',
      extraParams: { nonce: 'n-0S6_WzA2Mj' },
    });
    const body = (await redeemCode(sut, issued).expect(200)).body as unknown;

    const { header, claims, accessToken } = await verifiedIdToken(sut, body);
    const jwks = await fetchJwks(sut);
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: jwks.keys[0].kid });
    expect(claims).toEqual({
      iss: 'http://localhost:3000',
      sub: ALICE,
      aud: 'client-web',
      exp: claims.iat + 600,
      iat: expect.any(Number) as unknown,
      auth_time: expect.any(Number) as unknown,
      nonce: 'n-0S6_WzA2Mj',
      at_hash: expectedAtHash(accessToken),
    });
    expect(claims.auth_time).toBeLessThanOrEqual(claims.iat);
  });

  it('adds name and preferred_username only when profile was granted', async () => {
    const withProfile = await authorizeAndGetCode(sut, { scope: 'openid profile' });
    const { claims } = await verifiedIdToken(
      sut,
      (await redeemCode(sut, withProfile).expect(200)).body,
    );
    expect(claims).toMatchObject({ name: 'Alice Liddell', preferred_username: 'alice' });
    expect(claims.nonce).toBeUndefined();

    const consentedWithoutProfile = await authorizeAndGetCode(sut, {
      scope: 'openid profile',
      grantScope: ['openid'],
    });
    const narrow = await verifiedIdToken(
      sut,
      (await redeemCode(sut, consentedWithoutProfile).expect(200)).body,
    );
    expect(narrow.claims.name).toBeUndefined();
    expect(narrow.claims.preferred_username).toBeUndefined();
  });

  it('issues no id_token when openid was not granted (plain OAuth 2.0)', async () => {
    const issued = await authorizeAndGetCode(sut, { scope: 'notes:read' });
    const response = TokenResponseSchema.parse((await redeemCode(sut, issued).expect(200)).body);
    expect(response.id_token).toBeUndefined();
  });

  it('issues no id_token on refresh (OIDC Core §12.2: optional; the login has not changed)', async () => {
    const tokens = await tokensWithRefresh(sut);
    expect(tokens.id_token).toBeDefined();
    const refreshed = await refresh(sut, tokens.refresh_token).expect(200);
    expect(TokenResponseSchema.parse(refreshed.body).id_token).toBeUndefined();
  });

  it.each([
    ['longer than 255 characters', 'n'.repeat(256)],
    ['with a control character', 'a\nb'],
  ])('refuses a nonce %s: invalid_request at the redirect_uri', async (_label, nonce) => {
    const response = await getAuthorize(sut, { nonce });
    expect(locationOf(response).searchParams.get('error')).toBe('invalid_request');
  });

  it('case 5: refuses a nonce sent twice: invalid_request at the redirect_uri', async () => {
    const response = await getAuthorize(sut, { nonce: 'a' }, '&nonce=b');
    expect(locationOf(response).searchParams.get('error')).toBe('invalid_request');
  });
});
