import type TestAgent from 'supertest/lib/agent';
import { IdTokenVerifier } from '../src/oidc/id-token-verifier';
import { callbackQuery, page, startAuthorization } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';
import { ALICE_SUB } from './fixtures/fake-access-token';
import { FOREIGN_KEY, type IdTokenTweaks } from './fixtures/fake-id-token';

/**
 * OpenID Connect at client-web: the nonce sent in step 1 and the id_token verified at step 4
 * (OIDC Core §3.1.3.7) before the login is accepted; then the two tokens shown side by side.
 */
describe(IdTokenVerifier.name, () => {
  const world = ClientWebWithFakes.setUp();
  let browser: TestAgent;

  beforeEach(() => {
    browser = world.browser();
  });

  it('step 1: sends a fresh random nonce with every authorization request', async () => {
    const first = (await startAuthorization(browser)).searchParams.get('nonce');
    const second = (await startAuthorization(browser)).searchParams.get('nonce');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
  });

  it('accepts a valid id_token and shows both tokens, decoded, and who signed in', async () => {
    await world.connect(browser);
    const sut = page((await browser.get('/').expect(200)).text);

    expect(sut.text('[data-testid=signed-in-as]')).toBe('Signed in as Alice Liddell');
    const idClaims = JSON.parse(sut.text('[data-testid=id-token-claims]')) as object;
    expect(idClaims).toMatchObject({ sub: ALICE_SUB, aud: 'client-web', name: 'Alice Liddell' });
    expect(JSON.parse(sut.text('[data-testid=id-token-header]'))).toMatchObject({ typ: 'JWT' });
    expect(JSON.parse(sut.text('[data-testid=access-token-claims]'))).toMatchObject({
      aud: 'http://localhost:3003',
    });
    expect(JSON.parse(sut.text('[data-testid=access-token-header]'))).toMatchObject({
      typ: 'at+jwt',
    });
    expect(sut.text('[data-testid=id-token-explanation]')).toContain('who logged in');
    expect(sut.text('[data-testid=access-token-explanation]')).toContain(
      'what Notes Reader may do',
    );
  });

  it.each<[string, IdTokenTweaks | null, RegExp]>([
    ['another nonce (a replayed id_token)', { claims: { nonce: 'someone-elses-nonce' } }, /nonce/],
    ['no nonce', { claims: { nonce: undefined } }, /nonce/],
    ['another audience', { claims: { aud: 'another-client' } }, /aud/],
    ['several audiences without azp', { claims: { aud: ['client-web', 'x'] } }, /aud/],
    ['another issuer', { claims: { iss: 'http://evil.test' } }, /iss/],
    ['an expired exp', { claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }, /exp/],
    ['a signature by a key auth-server never published', { privateKey: FOREIGN_KEY }, /signature/],
    ['an unknown kid', { header: { kid: 'no-such-key' } }, /kid/],
    ['typ at+jwt (an access token, not an id_token)', { header: { typ: 'at+jwt' } }, /typ/],
    ['alg none', { header: { alg: 'none' } }, /alg/],
    [
      'an at_hash of another access token',
      { claims: { at_hash: 'AAAAAAAAAAAAAAAAAAAAAA' } },
      /at_hash/,
    ],
    ['no id_token at all although openid was granted', null, /no id_token/],
  ])('refuses an id_token with %s: error page, nothing stored', async (_label, tweaks, reason) => {
    const authorizationRequest = await startAuthorization(browser);
    world.authServer.tweakNextIdToken(tweaks);

    const response = await browser
      .get('/callback')
      .query(callbackQuery(authorizationRequest))
      .expect(400);

    const sut = page(response.text);
    expect(sut.text('[data-testid=error]')).toBe('invalid_id_token');
    expect(response.text).toMatch(reason);
    const home = await browser.get('/').expect(200);
    expect(home.text).toContain('<a href="/connect">Connect</a>');
  });

  it('tells an outage of the JWKS as one: 503 temporarily_unavailable, nothing stored', async () => {
    const authorizationRequest = await startAuthorization(browser);
    // A kid it has not seen (a key rotated in during the outage): the JWKS must be fetched again.
    world.authServer.tweakNextIdToken({ header: { kid: 'rotated-in-during-the-outage' } });
    world.authServer.jwksDown = true;
    try {
      const response = await browser
        .get('/callback')
        .query(callbackQuery(authorizationRequest))
        .expect(503);
      expect(page(response.text).text('[data-testid=error]')).toBe('temporarily_unavailable');
    } finally {
      world.authServer.jwksDown = false;
    }
    const home = await browser.get('/').expect(200);
    expect(home.text).toContain('<a href="/connect">Connect</a>');
  });

  it('accepts a login without openid: plain OAuth 2.0, no id_token expected', async () => {
    world.authServer.grantedScope = 'notes:read';
    try {
      await world.connect(browser);
      const sut = page((await browser.get('/').expect(200)).text);
      expect(sut.has('[data-testid=id-token-claims]')).toBe(false);
      expect(sut.has('[data-testid=signed-in-as]')).toBe(false);
      expect(sut.has('[data-testid=access-token-claims]')).toBe(true);
    } finally {
      world.authServer.grantedScope = 'openid profile offline_access notes:read notes:write';
    }
  });

  it('fetches the JWKS over the back channel and caches it', async () => {
    const before = world.authServer.jwksRequests;
    await world.connect(world.browser());
    await world.connect(world.browser());
    expect(world.authServer.jwksRequests - before).toBeLessThanOrEqual(1);
  });
});
