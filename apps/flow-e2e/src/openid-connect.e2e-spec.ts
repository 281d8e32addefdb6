import { UserInfoResponseSchema } from '@oauth-flow-lab/contracts';
import { generators, Issuer, type BaseClient } from 'openid-client';
import { asPage, asStop, Browser } from './support/browser';
import { CLIENT_WEB } from './support/oauth-client';
import { type RunningServices, startServices } from '@oauth-flow-lab/testing';

const ALICE_SUBJECT = '3f8a6c2e-9d41-4b7a-8e15-6c0f2b9d7a14';

/**
 * OpenID Connect across the real services, checked by an independent certified implementation:
 * openid-client (v5) discovers auth-server (OIDC Discovery), runs the code flow with PKCE, state and
 * nonce, validates the id_token itself (signature from the JWKS, iss, aud, exp, nonce, at_hash, and
 * RFC 9207 `iss` in the authorization response), then calls /userinfo. login-ui's real pages stand in
 * for the user; client-web's registration is used directly, as in support/oauth-client.ts.
 */
describe('OpenID Connect, as openid-client sees auth-server', () => {
  let services: RunningServices;
  let client: BaseClient;
  let redirectUri: string;

  beforeAll(async () => {
    services = await startServices();
    redirectUri = `${services.urls.clientWeb}/callback`;
    const issuer = await Issuer.discover(services.urls.authServer);
    client = new issuer.Client({
      client_id: CLIENT_WEB.id,
      client_secret: CLIENT_WEB.secret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
    });
  }, 60000);

  afterAll(async () => {
    await services?.stop();
  });

  /** Step 2 at login-ui's real pages; stops at the callback (openid-client plays the client). */
  async function aliceConsents(authorizationUrl: string): Promise<URL> {
    const browser = new Browser();
    const loginPage = await browser.open(authorizationUrl);
    const consentPage = asPage(
      await browser.submit(loginPage, 'form[action="/login"]', {
        username: 'alice',
        password: 'wonderland',
      }),
    );
    return asStop(
      await browser.submit(consentPage, 'form[action="/consent"]', { decision: 'allow' }, (next) =>
        next.toString().startsWith(redirectUri),
      ),
    );
  }

  it('discovers the provider at /.well-known/openid-configuration', async () => {
    const issuer = await Issuer.discover(services.urls.authServer);
    expect(issuer.metadata.issuer).toBe(services.urls.authServer);
    expect(issuer.metadata.userinfo_endpoint).toBe(`${services.urls.authServer}/userinfo`);
    expect(issuer.metadata.jwks_uri).toBe(`${services.urls.authServer}/.well-known/jwks.json`);
    expect(issuer.metadata['id_token_signing_alg_values_supported']).toEqual(['RS256']);
  });

  it('logs alice in: a valid id_token for client-web, then /userinfo names her', async () => {
    const codeVerifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    const authorizationUrl = client.authorizationUrl({
      scope: 'openid profile notes:read',
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });

    const callbackUrl = await aliceConsents(authorizationUrl);

    const params = client.callbackParams(callbackUrl.toString());
    const tokenSet = await client.callback(redirectUri, params, {
      code_verifier: codeVerifier,
      state,
      nonce,
    });

    const claims = tokenSet.claims();
    expect(claims).toMatchObject({
      iss: services.urls.authServer,
      sub: ALICE_SUBJECT,
      aud: 'client-web',
      nonce,
      name: 'Alice Liddell',
      preferred_username: 'alice',
    });
    expect(claims.at_hash).toEqual(expect.any(String));

    const userinfo = UserInfoResponseSchema.parse(await client.userinfo(tokenSet));
    expect(userinfo).toEqual({
      sub: ALICE_SUBJECT,
      name: 'Alice Liddell',
      preferred_username: 'alice',
    });
  });

  it('openid-client refuses the callback when the nonce is not the one it sent', async () => {
    const codeVerifier = generators.codeVerifier();
    const state = generators.state();
    const authorizationUrl = client.authorizationUrl({
      scope: 'openid',
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce: generators.nonce(),
    });
    const callbackUrl = await aliceConsents(authorizationUrl);
    await expect(
      client.callback(redirectUri, client.callbackParams(callbackUrl.toString()), {
        code_verifier: codeVerifier,
        state,
        nonce: generators.nonce(),
      }),
    ).rejects.toThrow(/nonce mismatch/);
  });

  it('client-web verifies the id_token and shows both tokens: who logged in, and what it may do', async () => {
    const browser = new Browser();
    const loginPage = await browser.open(`${services.urls.clientWeb}/connect`);
    const consentPage = asPage(
      await browser.submit(loginPage, 'form[action="/login"]', {
        username: 'alice',
        password: 'wonderland',
      }),
    );
    const home = asPage(
      await browser.submit(consentPage, 'form[action="/consent"]', { decision: 'allow' }),
    );
    expect(home.$('[data-testid="signed-in-as"]').text()).toBe('Signed in as Alice Liddell');
    const idToken = JSON.parse(home.$('[data-testid="id-token-claims"]').text()) as object;
    const accessToken = JSON.parse(home.$('[data-testid="access-token-claims"]').text()) as object;
    expect(idToken).toMatchObject({ iss: services.urls.authServer, aud: 'client-web' });
    expect(accessToken).toMatchObject({ aud: services.urls.resourceApi, client_id: 'client-web' });
  });
});
