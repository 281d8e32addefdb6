import type TestAgent from 'supertest/lib/agent';
import { ConnectController } from '../src/connect/connect.controller';
import { callbackQuery, page, startAuthorization } from './fixtures/browser';
import { TEST_ISSUER } from './fixtures/client-web-app';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/** Step 1 (RFC 6749 §4.1.1, RFC 7636 §4.3): the home page and the authorization request. */
describe(ConnectController.name, () => {
  const world = ClientWebWithFakes.setUp();
  let browser: TestAgent;

  beforeEach(() => {
    browser = world.browser();
  });

  it('explains the app and offers Connect when not connected, without a session', async () => {
    const response = await browser.get('/').expect(200);
    expect(response.text).toContain('<a href="/connect">Connect</a>');
    expect(response.text).toContain('third-party app');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('step 1: redirects to the authorization endpoint with state and an S256 challenge', async () => {
    const sut = await startAuthorization(browser);
    expect(`${sut.origin}${sut.pathname}`).toBe(`${TEST_ISSUER}/authorize`);
    const params = sut.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe('client-web');
    expect(params.get('redirect_uri')).toBe('http://localhost:3002/callback');
    expect(params.get('scope')).toBe('openid profile offline_access notes:read notes:write');
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('code_challenge_method')).toBe('S256');
  });

  it('step 1: draws a new state and challenge every time', async () => {
    const first = await startAuthorization(browser);
    const second = await startAuthorization(world.browser());
    expect(second.searchParams.get('state')).not.toBe(first.searchParams.get('state'));
    expect(second.searchParams.get('code_challenge')).not.toBe(
      first.searchParams.get('code_challenge'),
    );
  });

  it('step 1: keeps the pending request in an HttpOnly SameSite=Lax session cookie', async () => {
    const response = await browser.get('/connect').expect(302);
    const cookie = (response.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(cookie).toMatch(/^client_web\.sid=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('state');
  });

  it('case 36: no open redirect: a return-to parameter is ignored', async () => {
    const response = await browser.get('/connect?return_to=http://evil.example').expect(302);
    expect(response.headers.location).toMatch(new RegExp(`^${TEST_ISSUER}/authorize\\?`));
    expect(response.headers.location).not.toContain('evil');
  });

  it('case 36: the redirect_uri comes from config, not from Host or X-Forwarded-Host', async () => {
    const response = await browser
      .get('/connect')
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .expect(302);
    const location = new URL(response.headers.location);
    expect(location.origin).toBe(TEST_ISSUER);
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost:3002/callback');
  });

  it('case 36: a code sent to /connect is not exchanged (the iss check is on /callback)', async () => {
    const authorizationRequest = await startAuthorization(browser);
    const before = world.authServer.tokenRequests.length;

    const response = await browser
      .get('/connect')
      .query(callbackQuery(authorizationRequest))
      .expect(400);

    expect(page(response.text).text('[data-testid=error]')).toBe('invalid_request');
    expect(world.authServer.tokenRequests).toHaveLength(before);
  });

  it('answers an unknown page with a 404 page, not a stack trace', async () => {
    const response = await browser.get('/nope').expect(404);
    expect(page(response.text).text('[data-testid=error]')).toBe('not_found');
  });
});
