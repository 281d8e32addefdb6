import { FLOW_STEP_TITLES, flowIdFromState, shorten } from '@oauth-flow-lab/flow-log';
import type TestAgent from 'supertest/lib/agent';
import { FlowController } from '../src/flow/flow.controller';
import { callbackQuery, page, startAuthorization } from './fixtures/browser';
import { TEST_ISSUER } from './fixtures/client-web-app';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';
import { ALICE_SUB } from './fixtures/fake-access-token';

/**
 * GET /flow: the last flow of this browser session, step by step, as client-web recorded it where
 * it made each call; and the flow id those calls carried to the fakes in `traceparent`.
 */
describe(FlowController.name, () => {
  const world = ClientWebWithFakes.setUp();
  let browser: TestAgent;

  beforeEach(() => {
    browser = world.browser();
    world.resourceApi.demoMode = true;
  });

  /** Steps 1 to 5 through the fakes; what a test needs to look for (and to not find) on /flow. */
  async function connectAndReadNotes() {
    const authorizationRequest = await startAuthorization(browser);
    const query = callbackQuery(authorizationRequest, `code-${Math.random().toString(36)}xyz`);
    await browser.get('/callback').query(query).expect(303);
    const tokenRequest = world.authServer.tokenRequests.at(-1);
    const accessToken = world.authServer.issuedAccessTokens.at(-1) ?? '';
    world.resourceApi.giveNotes(accessToken, [{ id: 'n1', title: 'Tea', body: 'At six' }]);
    await browser.get('/').expect(200);
    const params = authorizationRequest.searchParams;
    return {
      state: params.get('state') ?? '',
      codeChallenge: params.get('code_challenge') ?? '',
      nonce: params.get('nonce') ?? '',
      code: query.code,
      codeVerifier: tokenRequest?.body.get('code_verifier') ?? '',
      accessToken,
      refreshToken: world.authServer.refreshTokens.issued.at(-1) ?? '',
    };
  }

  async function flowView() {
    const response = await browser.get('/flow').expect(200);
    return { text: response.text, page: page(response.text) };
  }

  it('says there is no flow yet, and links Connect, before any', async () => {
    const sut = await flowView();
    expect(sut.page.text('[data-testid=no-flow]')).toContain('No flow yet');
    expect(sut.page.has('a[href="/connect"]')).toBe(true);
    expect(sut.page.has('[data-testid=flow-event]')).toBe(false);
  });

  it('shows a full flow under the six step headings, secrets shortened or left out', async () => {
    const secrets = await connectAndReadNotes();

    const sut = await flowView();

    expect(sut.page.texts('section h2')).toEqual(
      ([1, 2, 3, 4, 5, 6] as const).map((step) => `Step ${step}: ${FLOW_STEP_TITLES[step]}`),
    );
    for (const step of [1, 2, 3, 4, 5, 6]) {
      expect(sut.page.has(`section#step-${step} [data-testid=flow-event]`)).toBe(true);
    }
    expect(sut.page.text('[data-testid=flow-id]')).toBe(flowIdFromState(secrets.state));
    const step1 = '#step-1 [data-testid=request-parameters]';
    expect(sut.page.text(`${step1} [data-name=state] td`)).toBe(shorten(secrets.state));
    expect(sut.page.text(`${step1} [data-name=code_challenge] td`)).toBe(
      shorten(secrets.codeChallenge),
    );
    expect(sut.page.text(`${step1} [data-name=code_challenge_method] td`)).toBe('S256');
    const step3 = '#step-3 [data-testid=request-parameters]';
    expect(sut.page.text(`${step3} [data-name=grant_type] td`)).toBe('authorization_code');
    expect(sut.page.text(`${step3} [data-name=code] td`)).toBe(shorten(secrets.code));
    expect(sut.page.text(`${step3} [data-name=code_verifier] td`)).toBe('[redacted]');
    expect(sut.page.text('#step-2 [data-testid=at-login-ui]')).toContain(
      'apps/login-ui/src/consent/consent.controller.ts',
    );
    expect(sut.page.text('#step-3 [data-testid=handler-files]')).toContain(
      'apps/auth-server/src/token/token.controller.ts',
    );
    for (const secret of Object.values(secrets)) {
      expect(sut.text).not.toContain(secret);
    }
    expect(sut.text).not.toContain('client-web-secret');
  });

  it('step 4: shows both tokens decoded, each claim explained', async () => {
    const { nonce } = await connectAndReadNotes();

    const sut = (await flowView()).page;

    const access = '#step-4 [data-testid=flow-access-token-claims]';
    expect(sut.text(`${access} [data-claim=iss] td:nth-of-type(1)`)).toBe(TEST_ISSUER);
    expect(sut.text(`${access} [data-claim=sub] td:nth-of-type(1)`)).toBe(ALICE_SUB);
    expect(sut.text(`${access} [data-claim=client_id] td:nth-of-type(2)`)).toContain('client');
    expect(sut.text(`${access} [data-claim=jti] td:nth-of-type(1)`)).toMatch(/^fake-jti-/);
    expect(sut.text(`${access} [data-claim=exp] td:nth-of-type(1)`)).toMatch(/\(20\d\d-/);
    const id = '#step-4 [data-testid=flow-id-token-claims]';
    expect(sut.text(`${id} [data-claim=aud] td:nth-of-type(1)`)).toBe('client-web');
    expect(sut.text(`${id} [data-claim=nonce] td:nth-of-type(1)`)).toBe(shorten(nonce));
    expect(sut.text(`${id} [data-claim=auth_time] td:nth-of-type(2)`)).toContain('logged in');
    expect(sut.text('#step-4 [data-testid=flow-id-token-header] [data-claim=typ] td')).toContain(
      'JWT',
    );
  });

  it("step 6: shows resource-api's validation report, or says DEMO_MODE is off (404)", async () => {
    await connectAndReadNotes();

    const withReport = (await flowView()).page;
    expect(withReport.text('#step-6 [data-testid=token-checks-verdict]')).toContain('valid');
    expect(withReport.texts('#step-6 [data-testid=token-checks] tr')).toHaveLength(11);
    expect(world.resourceApi.tokenChecksRequests.at(-1)?.body).toBe(
      JSON.stringify({ required_scope: 'notes:read' }),
    );

    world.resourceApi.demoMode = false;
    await browser.get('/').expect(200);
    const without = (await flowView()).page;
    expect(without.texts('#step-6 [data-testid=no-token-checks]')).toContain(
      "resource-api's DEMO_MODE is off; no report",
    );
  });

  it('shows a declined consent at step 2, and nothing after it', async () => {
    const { state, iss } = callbackQuery(await startAuthorization(browser));
    await browser.get('/callback').query({ error: 'access_denied', state, iss }).expect(200);

    const sut = (await flowView()).page;

    expect(sut.text('#step-2 [data-testid=flow-event]')).toContain('refused or failed');
    expect(sut.text('#step-2 [data-testid=response-parameters] [data-name=error] td')).toBe(
      'access_denied',
    );
    expect(sut.text('#step-2 [data-testid=at-login-ui]')).toMatch(/you\s+chose Deny/);
    for (const step of [3, 4, 5, 6]) {
      expect(sut.has(`#step-${step} [data-testid=flow-event]`)).toBe(false);
    }
  });

  it('escapes what an authorization response carries', async () => {
    const { state, iss } = callbackQuery(await startAuthorization(browser));
    await browser
      .get('/callback')
      .query({ error: 'server_error', error_description: '<script>alert(1)</script>', state, iss })
      .expect(400);

    const sut = await flowView();

    expect(sut.text).not.toContain('<script>alert');
    expect(sut.page.text('#step-2 [data-name=error_description] td')).toBe(
      '<script>alert(1)</script>',
    );
  });

  /** What /flow shows: its flow id (or "No flow yet") and every hop, as text. */
  async function flowShown() {
    const sut = (await flowView()).page;
    return {
      flowId: sut.text('[data-testid=flow-id]'),
      noFlow: sut.has('[data-testid=no-flow]'),
      events: sut.texts('[data-testid=flow-event]'),
    };
  }

  /** Words the sender of a forged link would like the site to show as its own. */
  const FORGED_TEXT = 'Your session expired: sign in again at evil.example';

  /**
   * Callback links this browser's session never started, as someone could send it one: another
   * browser's real-looking response (its own flow's state and a code: login CSRF), a made-up state
   * without a code, and an `error=` response with a description of the sender's choosing.
   */
  const FORGED_CALLBACKS: [string, () => Promise<Record<string, string>>][] = [
    [
      "another browser's state and a real-looking code",
      async () => callbackQuery(await startAuthorization(world.browser()), 'code-of-the-sender'),
    ],
    ['a made-up state, no code', () => Promise.resolve({ state: 'made-up', iss: TEST_ISSUER })],
    [
      'error= with a description',
      () =>
        Promise.resolve({
          error: 'server_error',
          error_description: FORGED_TEXT,
          state: 'made-up',
          iss: TEST_ISSUER,
        }),
    ],
  ];

  /** The forged link opened: case 36's error page (invalid_state), and no token request. */
  async function openForged(query: Record<string, string>) {
    const tokenRequests = world.authServer.tokenRequests.length;
    const response = await browser.get('/callback').query(query).expect(400);
    expect(page(response.text).text('[data-testid=error]')).toBe('invalid_state');
    expect(world.authServer.tokenRequests).toHaveLength(tokenRequests);
  }

  it.each(FORGED_CALLBACKS)(
    'case 51: a forged callback (%s) adds nothing to /flow, before or during a real flow',
    async (_label, forged) => {
      const query = await forged();

      await openForged(query);
      expect(await flowShown()).toEqual({ flowId: '', noFlow: true, events: [] });

      const authorizationRequest = await startAuthorization(browser);
      const pending = await flowShown();
      await openForged(query);
      expect(await flowShown()).toEqual(pending);

      // The real response still shows, with the rest of the flow.
      const real = callbackQuery(authorizationRequest, `code-${Math.random().toString(36)}`);
      await browser.get('/callback').query(real).expect(303);
      const sut = await flowView();
      expect(sut.page.text('[data-testid=flow-id]')).toBe(flowIdFromState(real.state));
      expect(sut.page.texts('#step-2 [data-testid=flow-event]')).toHaveLength(1);
      expect(sut.page.text('#step-2 [data-name=state] td')).toBe(shorten(real.state));
      for (const step of [1, 3, 4]) {
        expect(sut.page.has(`#step-${step} [data-testid=flow-event]`)).toBe(true);
      }
      expect(sut.text).not.toContain(FORGED_TEXT);
    },
  );

  it.each(FORGED_CALLBACKS)(
    'case 51: a forged callback (%s) leaves a finished flow unchanged on /flow',
    async (_label, forged) => {
      const query = await forged();
      await connectAndReadNotes();
      const before = await flowShown();

      await openForged(query);

      expect(await flowShown()).toEqual(before);
      expect(before.events.length).toBeGreaterThan(0);
    },
  );

  it('shows a refused API call, the refresh that followed (steps 3 and 4 again) and the retry', async () => {
    await world.connect(browser); // resource-api has no notes for this token: 401 invalid_token
    const refreshToken = world.authServer.refreshTokens.issued.at(-1) ?? '';
    const refreshed = world.authServer.prepareAccessToken();
    world.resourceApi.giveNotes(refreshed, []);
    await browser.get('/').expect(200);

    const sut = await flowView();

    const calls = '#step-5 [data-testid=flow-event]';
    expect(sut.page.texts(`${calls} [data-testid=response] code`)).toEqual(['401', '200']);
    expect(sut.page.text(`#step-5 [data-name=WWW-Authenticate] td`)).toContain('invalid_token');
    const refresh = '#step-3 [data-hop=refresh]';
    expect(sut.page.text(`${refresh} [data-name=grant_type] td`)).toBe('refresh_token');
    expect(sut.page.text(`${refresh} [data-name=refresh_token] td`)).toBe('[redacted]');
    expect(sut.page.text(`${refresh} [data-testid=why]`)).toContain(
      'resource-api rejected the access token',
    );
    expect(sut.page.text('#step-4 [data-hop=refresh] [data-testid=log-line]')).toContain(
      'grant_type=refresh_token',
    );
    // The refused token authenticates nobody, so resource-api reports on the retry's token only.
    expect(sut.page.texts('#step-6 [data-testid=no-token-checks]')).toEqual([
      'HTTP 401: resource-api reports only on a token that authenticates its caller; step 5 says why this one does not',
    ]);
    expect(sut.page.texts('#step-6 [data-testid=token-checks-verdict]').join()).toMatch(/valid/);
    expect(sut.text).not.toContain(refreshToken);
    expect(sut.text).not.toContain(refreshed);
  });

  it('shows an expired access token refreshed before the call (known from expires_in)', async () => {
    world.authServer.prepareAccessToken({ exp: Math.floor(Date.now() / 1000) - 60 }); // expires_in 1
    world.resourceApi.giveNotes(await world.connect(browser), []);
    world.resourceApi.giveNotes(world.authServer.prepareAccessToken(), []);
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 2000);
    try {
      await browser.get('/').expect(200);
    } finally {
      jest.restoreAllMocks();
    }

    const sut = (await flowView()).page;

    expect(sut.text('#step-3 [data-hop=refresh] [data-testid=why]')).toMatch(
      /^The access token had expired \(known from expires_in/,
    );
    expect(sut.texts('#step-4 [data-testid=flow-event]')).toHaveLength(2);
    // No call was made with the expired token: the one call of step 5 used the new one.
    expect(sut.texts('#step-5 [data-testid=flow-event]')).toHaveLength(1);
    expect(sut.text('#step-5 [data-testid=log-line]')).toContain('→ 200');
  });

  it('shows the token endpoint refusing the code at step 3', async () => {
    const authorizationRequest = await startAuthorization(browser);
    world.authServer.answerNext(400, { error: 'invalid_grant', error_description: 'code used' });
    await browser.get('/callback').query(callbackQuery(authorizationRequest)).expect(400);

    const sut = (await flowView()).page;

    expect(sut.text('#step-3 [data-hop=code-exchange]')).toContain('refused or failed');
    expect(sut.text('#step-3 [data-testid=log-line]')).toContain(
      'POST /token grant_type=authorization_code → 400 invalid_grant',
    );
    expect(sut.text('#step-3 [data-testid=response]')).toContain('invalid_grant: code used');
    expect(sut.has('#step-4 [data-testid=flow-event]')).toBe(false);
  });

  it('shows an id_token refused at step 4, nothing stored', async () => {
    const authorizationRequest = await startAuthorization(browser);
    world.authServer.tweakNextIdToken({ claims: { aud: 'another-client' } });
    await browser.get('/callback').query(callbackQuery(authorizationRequest)).expect(400);

    const sut = (await flowView()).page;

    expect(sut.text('#step-4 [data-testid=log-line]')).toMatch(
      /→ invalid_id_token \(nothing stored\)$/,
    );
    expect(sut.text('#step-4 [data-testid=response]')).toContain('(aud)');
  });

  it('starts a new flow at each /connect', async () => {
    const first = await connectAndReadNotes();
    const second = new URL((await browser.get('/connect').expect(302)).headers.location);

    const sut = (await flowView()).page;

    const state = second.searchParams.get('state') ?? '';
    expect(sut.text('[data-testid=flow-id]')).toBe(flowIdFromState(state));
    expect(sut.text('[data-testid=flow-id]')).not.toBe(flowIdFromState(first.state));
    expect(sut.texts('[data-testid=flow-event]')).toHaveLength(1);
  });

  it('shows the revocation at Disconnect, after the session ended', async () => {
    await connectAndReadNotes();
    const csrfToken = page((await browser.get('/').expect(200)).text).csrfToken('/disconnect');
    await browser.post('/disconnect').type('form').send({ _csrf: csrfToken }).expect(303);

    const sut = (await flowView()).page;

    const revocation = '#step-3 [data-hop=revocation]';
    expect(sut.text(`${revocation} [data-testid=log-line]`)).toContain(
      'POST /revoke token_type_hint=refresh_token → 200 (revoked)',
    );
    expect(sut.text(`${revocation} [data-name=token] td`)).toBe('[redacted]');
  });

  it('sends the flow id in traceparent to auth-server and resource-api', async () => {
    const { state } = await connectAndReadNotes();
    const traceparent = new RegExp(`^00-${flowIdFromState(state)}-[0-9a-f]{16}-01$`);

    // /callback: passport's code exchange (customHeaders, connect/passport-oauth2.adapter.ts).
    expect(world.authServer.tokenRequests.at(-1)?.headers.traceparent).toMatch(traceparent);
    // A later page load of the session: the notes and the token checks.
    expect(world.resourceApi.requests.at(-1)?.traceparent).toMatch(traceparent);
    expect(world.resourceApi.tokenChecksRequests.at(-1)?.traceparent).toMatch(traceparent);

    const home = page((await browser.get('/').expect(200)).text);
    await browser
      .post('/disconnect')
      .type('form')
      .send({ _csrf: home.csrfToken('/disconnect') })
      .expect(303);
    expect(world.authServer.revocationRequests.at(-1)?.headers.traceparent).toMatch(traceparent);
  });

  it('sends the flow id with a refresh too', async () => {
    await world.connect(browser); // 401 for this token: the next page load refreshes
    const flowId = page((await browser.get('/flow').expect(200)).text).text(
      '[data-testid=flow-id]',
    );
    world.resourceApi.giveNotes(world.authServer.prepareAccessToken(), []);

    await browser.get('/').expect(200);

    expect(world.authServer.refreshRequests.at(-1)?.headers.traceparent).toMatch(
      new RegExp(`^00-${flowId}-[0-9a-f]{16}-01$`),
    );
  });

  it.each([
    ['the home page, not connected', '/', 200],
    ['the flow view', '/flow', 200],
    ['an error page', '/callback?state=x&iss=y', 400],
    ['the 404 page', '/nope', 404],
  ])('links the flow view from %s', async (_label, path, status) => {
    const sut = page((await browser.get(path).expect(status)).text);
    expect(sut.text('[data-testid=client-web-nav] a[href="/flow"]')).toBe('Flow');
  });

  it('links the flow view from the connected home page and the "You declined" page', async () => {
    await connectAndReadNotes();
    const home = page((await browser.get('/').expect(200)).text);
    expect(home.text('[data-testid=client-web-nav] a[href="/flow"]')).toBe('Flow');

    const { state, iss } = callbackQuery(await startAuthorization(browser));
    const response = await browser
      .get('/callback')
      .query({ error: 'access_denied', state, iss })
      .expect(200);
    expect(response.text).toContain('You declined');
    expect(page(response.text).text('[data-testid=client-web-nav] a[href="/flow"]')).toBe('Flow');
  });
});
