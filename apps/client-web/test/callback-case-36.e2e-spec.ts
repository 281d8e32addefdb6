import type TestAgent from 'supertest/lib/agent';
import { AuthorizationResponseGuard } from '../src/callback/authorization-response.guard';
import { callbackQuery, page, startAuthorization } from './fixtures/browser';
import { TEST_ISSUER } from './fixtures/client-web-app';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/**
 * docs/security-cases.md, case 36: a bad authorization response at /callback is an error page and
 * NO token request; what auth-server (or anyone crafting the URL) puts in `error_description` is
 * escaped.
 */
describe(AuthorizationResponseGuard.name, () => {
  const world = ClientWebWithFakes.setUp();
  let browser: TestAgent;
  let authorizationRequest: URL;

  beforeEach(async () => {
    browser = world.browser();
    authorizationRequest = await startAuthorization(browser);
  });

  const valid = (): Record<string, string> => callbackQuery(authorizationRequest);
  const without = (query: Record<string, string>, name: string) =>
    Object.fromEntries(Object.entries(query).filter(([key]) => key !== name));

  /** Calls /callback and checks that the fake token endpoint received nothing. */
  async function callbackWithoutTokenRequest(query: Record<string, string | string[]>) {
    const before = world.authServer.tokenRequests.length;
    const response = await browser.get('/callback').query(query);
    expect(world.authServer.tokenRequests).toHaveLength(before);
    return { status: response.status, page: page(response.text), text: response.text };
  }

  it('case 36: missing state -> error page, no token request', async () => {
    const sut = await callbackWithoutTokenRequest(without(valid(), 'state'));
    expect(sut.status).toBe(400);
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_state');
  });

  it('case 36: foreign state -> error page, no token request', async () => {
    const sut = await callbackWithoutTokenRequest({
      ...valid(),
      state: 'state-of-another-browser',
    });
    expect(sut.status).toBe(400);
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_state');
  });

  it("case 36: one browser's response delivered to another (login CSRF) -> error page", async () => {
    const query = valid();
    browser = world.browser();
    const sut = await callbackWithoutTokenRequest(query);
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_state');
  });

  it('case 36: missing iss -> error page, no token request (RFC 9207)', async () => {
    const sut = await callbackWithoutTokenRequest(without(valid(), 'iss'));
    expect(sut.status).toBe(400);
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_iss');
  });

  it.each([
    ['another server', 'http://evil.example'],
    ['a trailing slash', `${TEST_ISSUER}/`],
    ['empty', ''],
  ])('case 36: wrong iss (%s) -> error page, no token request (RFC 9207)', async (_label, iss) => {
    const sut = await callbackWithoutTokenRequest({ ...valid(), iss });
    expect(sut.status).toBe(400);
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_iss');
  });

  it('case 36: wrong iss on an error response -> error page, not "You declined"', async () => {
    const { state } = valid();
    const sut = await callbackWithoutTokenRequest({
      error: 'access_denied',
      state,
      iss: 'http://x',
    });
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_iss');
  });

  it('case 36: a parameter sent twice -> error page, no token request', async () => {
    const sut = await callbackWithoutTokenRequest({
      ...valid(),
      iss: [TEST_ISSUER, 'http://evil'],
    });
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_request');
  });

  it('case 36: replayed callback URL -> error page, no second token request', async () => {
    await browser.get('/callback').query(valid()).expect(303);

    const sameBrowser = await callbackWithoutTokenRequest(valid());
    browser = world.browser();
    const otherBrowser = await callbackWithoutTokenRequest(valid());

    expect(sameBrowser.page.text('[data-testid=error]')).toBe('invalid_state');
    expect(otherBrowser.page.text('[data-testid=error]')).toBe('invalid_state');
  });

  it('case 36: a declined response spends the state: it cannot be replayed with a code', async () => {
    const { state, iss } = valid();
    await browser.get('/callback').query({ error: 'access_denied', state, iss }).expect(200);
    const sut = await callbackWithoutTokenRequest(valid());
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_state');
  });

  it('case 36: error_description is HTML-escaped on the error page', async () => {
    const { state, iss } = valid();
    const sut = await callbackWithoutTokenRequest({
      error: 'server_error',
      error_description: '<script>alert("x")</script>',
      state,
      iss,
    });
    expect(sut.page.text('[data-testid=error]')).toBe('server_error');
    expect(sut.text).not.toContain('<script>alert');
    expect(sut.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('case 36: an error code carrying markup is escaped too', async () => {
    const { state, iss } = valid();
    const sut = await callbackWithoutTokenRequest({
      error: '<img src=x onerror=alert(1)>',
      state,
      iss,
    });
    expect(sut.text).not.toContain('<img');
    expect(sut.page.text('[data-testid=error]')).toBe('<img src=x onerror=alert(1)>');
  });

  it('no code and no error -> error page, no token request', async () => {
    const sut = await callbackWithoutTokenRequest(without(valid(), 'code'));
    expect(sut.status).toBe(400);
    expect(sut.page.text('[data-testid=error]')).toBe('invalid_request');
  });
});
