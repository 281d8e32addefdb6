import { createHash } from 'node:crypto';
import type request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { CallbackController } from '../src/callback/callback.controller';
import { callbackQuery, page, startAuthorization } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

/** Step 3 (RFC 6749 §4.1.3): the code exchange at the token endpoint, and how it can fail. */
describe(CallbackController.name, () => {
  const world = ClientWebWithFakes.setUp();
  let browser: TestAgent;
  let authorizationRequest: URL;

  beforeEach(async () => {
    browser = world.browser();
    authorizationRequest = await startAuthorization(browser);
  });

  it('step 3: exchanges the code with the PKCE verifier, authenticated with client_secret_basic', async () => {
    const before = world.authServer.tokenRequests.length;

    const response = await browser
      .get('/callback')
      .query(callbackQuery(authorizationRequest, 'the-code'))
      .expect(303);

    expect(response.headers.location).toBe('/');
    expect(world.authServer.tokenRequests).toHaveLength(before + 1);
    const sut = world.authServer.tokenRequests[before];
    expect(sut.method).toBe('POST');
    expect(sut.path).toBe('/token');
    expect(sut.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sut.body.get('grant_type')).toBe('authorization_code');
    expect(sut.body.get('code')).toBe('the-code');
    expect(sut.body.get('redirect_uri')).toBe('http://localhost:3002/callback');
    const verifier = sut.body.get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(
      authorizationRequest.searchParams.get('code_challenge'),
    );
    const basic = `Basic ${Buffer.from('client-web:client-web-secret').toString('base64')}`;
    expect(sut.headers.authorization).toBe(basic);
    expect(sut.body.get('client_secret') ?? '').toBe('');
  });

  it('step 3: gives the browser a new session id once connected (session fixation)', async () => {
    const sessionId = (r: request.Response) =>
      (r.headers['set-cookie'] as unknown as string[] | undefined)
        ?.find((c) => c.startsWith('client_web.sid='))
        ?.split(';')[0];
    const before = await browser.get('/connect').expect(302);
    const callback = await browser
      .get('/callback')
      .query(callbackQuery(new URL(before.headers.location)))
      .expect(303);
    expect(sessionId(callback)).toBeDefined();
    expect(sessionId(callback)).not.toBe(sessionId(before));
  });

  it('case 36: no open redirect: after the callback the browser always goes home', async () => {
    const response = await browser
      .get('/callback')
      .query({ ...callbackQuery(authorizationRequest), return_to: 'http://evil.example' })
      .expect(303);
    expect(response.headers.location).toBe('/');
  });

  it('access_denied -> "You declined", a link home, no token request', async () => {
    const before = world.authServer.tokenRequests.length;
    const { state, iss } = callbackQuery(authorizationRequest);

    const response = await browser
      .get('/callback')
      .query({ error: 'access_denied', error_description: 'The user said no', state, iss })
      .expect(200);

    expect(response.text).toContain('You declined');
    expect(page(response.text).has('a[href="/"]')).toBe(true);
    expect(world.authServer.tokenRequests).toHaveLength(before);
  });

  it('token endpoint answering 400 invalid_grant -> error page showing invalid_grant', async () => {
    world.authServer.answerNext(400, {
      error: 'invalid_grant',
      error_description: 'code already used',
    });

    const response = await browser
      .get('/callback')
      .query(callbackQuery(authorizationRequest))
      .expect(400);

    const sut = page(response.text);
    expect(sut.text('[data-testid=error]')).toBe('invalid_grant');
    expect(sut.text('[data-testid=error-description]')).toBe('code already used');
    expect((await browser.get('/').expect(200)).text).toContain('<a href="/connect">Connect</a>');
  });

  it.each([
    ['hanging up', () => world.authServer.hangUpNext()],
    ['answering 500 without an OAuth error', () => world.authServer.answerNext(500, 'oops')],
    ['answering 200 without a token response', () => world.authServer.answerNext(200, { a: 1 })],
    [
      'answering a token_type other than Bearer',
      () => world.authServer.answerNext(200, { access_token: 'x', token_type: 'mac' }),
    ],
  ])('token endpoint %s -> error page (502), never 500', async (_label, arrange) => {
    arrange();

    const response = await browser
      .get('/callback')
      .query(callbackQuery(authorizationRequest))
      .expect(502);

    expect(page(response.text).text('[data-testid=error]')).toBe('token_request_failed');
  });
});
