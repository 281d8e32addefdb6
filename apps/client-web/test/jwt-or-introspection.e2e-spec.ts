import { load } from 'cheerio';
import { JwtOrIntrospectionController } from '../src/jwt-or-introspection/jwt-or-introspection.controller';
import { page } from './fixtures/browser';
import { ClientWebWithFakes } from './fixtures/client-web-with-fakes';

const BASIC = `Basic ${Buffer.from('client-web:client-web-secret').toString('base64')}`;

/**
 * GET /jwt-or-introspection: the session's access token validated by resource-api both ways (its
 * demo comparison), and the form that revokes it at auth-server and asks again (RFC 7009 then
 * RFC 7662), shown side by side. Linked from the flow view.
 */
describe(JwtOrIntrospectionController.name, () => {
  const world = ClientWebWithFakes.setUp();

  afterEach(() => {
    world.resourceApi.demoMode = true;
  });

  /** The text of an element, as read: its whitespace collapsed. */
  const prose = (html: string, selector: string) =>
    load(html)(selector).text().replace(/\s+/g, ' ').trim();
  const verdicts = (html: string, row: string) => {
    const $ = load(html);
    return ['jwt', 'introspection'].map((way) => ({
      way,
      valid: $(`[data-testid=verdict-${row}-${way}]`).attr('data-valid'),
      text: $(`[data-testid=verdict-${row}-${way}]`).text().replace(/\s+/g, ' ').trim(),
    }));
  };

  it('is linked from the flow view as "JWT or introspection?"', async () => {
    const browser = world.browser();
    world.resourceApi.giveNotes(await world.connect(browser), []);
    await browser.get('/').expect(200);
    const flow = await browser.get('/flow').expect(200);
    const $ = load(flow.text);
    const link = $('[data-testid=step-6] a[href="/jwt-or-introspection"]');
    expect(link.text()).toBe('JWT or introspection?');
  });

  it('without a connection: the explanation and a link to connect, nothing asked of resource-api', async () => {
    const before = world.resourceApi.tokenValidationRequests.length;
    const response = await world.browser().get('/jwt-or-introspection').expect(200);
    const shown = page(response.text);
    expect(shown.text('h1')).toBe('JWT or introspection?');
    expect(shown.has('[data-testid=not-connected] a[href="/connect"]')).toBe(true);
    expect(shown.has('form[action="/jwt-or-introspection"]')).toBe(false);
    expect(prose(response.text, '[data-testid=which-when]')).toMatch(
      /a revoked token stays valid until it expires/,
    );
    expect(world.resourceApi.tokenValidationRequests).toHaveLength(before);
  });

  it('shows both verdicts of the current token, asked with the token as its Bearer credential', async () => {
    const browser = world.browser();
    const token = await world.connect(browser);
    world.resourceApi.giveNotes(token, []);
    const response = await browser.get('/jwt-or-introspection').expect(200);

    expect(verdicts(response.text, 'now')).toEqual([
      { way: 'jwt', valid: 'true', text: '✓ valid exp: expires in 600 s 0.4 ms' },
      {
        way: 'introspection',
        valid: 'true',
        text: '✓ valid active: auth-server says active (asked now, 3 ms) 3.2 ms',
      },
    ]);
    const asked = world.resourceApi.tokenValidationRequests.at(-1);
    expect(asked?.method).toBe('POST');
    expect(asked?.authorization).toBe(`Bearer ${token}`);
    expect(JSON.parse(asked?.body ?? '{}')).toEqual({ required_scope: 'notes:read' });
    expect(asked?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(response.text).not.toContain(token);
  });

  it('refuses the revocation without the CSRF token: nothing is revoked', async () => {
    const browser = world.browser();
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const revocations = world.authServer.revocationRequests.length;
    await browser.post('/jwt-or-introspection').type('form').send({}).expect(403);
    expect(world.authServer.revocationRequests).toHaveLength(revocations);
  });

  it('revokes the access token, asks again, and shows the story: the JWT check still valid, introspection inactive', async () => {
    const browser = world.browser();
    const token = await world.connect(browser);
    world.resourceApi.giveNotes(token, []);
    const refreshToken = world.authServer.refreshTokens.issued.at(-1);
    const form = await browser.get('/jwt-or-introspection').expect(200);

    await browser
      .post('/jwt-or-introspection')
      .type('form')
      .send({ _csrf: page(form.text).csrfToken('/jwt-or-introspection') })
      .expect(303)
      .expect('Location', '/jwt-or-introspection');

    const revocation = world.authServer.revocationRequests.at(-1);
    expect(revocation?.headers.authorization).toBe(BASIC);
    expect(Object.fromEntries(revocation?.body ?? [])).toEqual({
      token,
      token_type_hint: 'access_token',
    });

    const shown = await browser.get('/jwt-or-introspection').expect(200);
    expect(verdicts(shown.text, 'before').map(({ valid }) => valid)).toEqual(['true', 'true']);
    expect(verdicts(shown.text, 'after')).toEqual([
      { way: 'jwt', valid: 'true', text: '✓ valid exp: expires in 600 s 0.4 ms' },
      {
        way: 'introspection',
        valid: 'false',
        text: '✗ invalid_token active: auth-server says {"active": false} 3.2 ms',
      },
    ]);
    expect(prose(shown.text, '[data-testid=revocation]')).toMatch(
      /answered 200: the token is revoked/,
    );
    expect(prose(shown.text, '[data-testid=afterwards]')).toMatch(
      /keep saying valid until the token's exp .* runs in jwt mode, so it keeps serving your notes with this revoked token .* uses its refresh token/,
    );
    expect(shown.text).toContain('This is the token revoked above.');
    // Only the access token: the refresh token was not sent to /revoke, the session keeps both.
    expect(world.authServer.revocationRequests.map((r) => r.body.get('token'))).not.toContain(
      refreshToken,
    );
    const calls = world.resourceApi.requests.length;
    await browser.get('/').expect(200);
    expect(world.resourceApi.requests.at(calls)?.authorization).toBe(`Bearer ${token}`);
  });

  it('records the revocation in the flow view, with why it was made', async () => {
    const browser = world.browser();
    world.resourceApi.giveNotes(await world.connect(browser), []);
    const form = await browser.get('/jwt-or-introspection').expect(200);
    await browser
      .post('/jwt-or-introspection')
      .type('form')
      .send({ _csrf: page(form.text).csrfToken('/jwt-or-introspection') })
      .expect(303);
    const $ = load((await browser.get('/flow').expect(200)).text);
    const entry = $('[data-testid=step-3] [data-hop=revocation]').last();
    expect(entry.find('h3').text()).toMatch(/Revocation \(RFC 7009\)/);
    expect(entry.find('[data-testid=why]').text()).toMatch(/JWT or introspection\?/);
    expect(entry.find('[data-testid=log-line]').text()).toMatch(
      /^step 3 · client-web → auth-server · back channel · POST \/revoke token_type_hint=access_token → 200 \(revoked\)/,
    );
  });

  it('says why there is no comparison when resource-api refuses the token (expired): 401', async () => {
    const browser = world.browser();
    await world.connect(browser); // resource-api knows no notes for it: it answers 401 invalid_token
    const response = await browser.get('/jwt-or-introspection').expect(200);
    expect(prose(response.text, '[data-testid=no-comparison]')).toBe(
      'No comparison: HTTP 401: resource-api compares only a token that authenticates its caller, and this one no longer does (expired?).',
    );
  });

  it('says so when resource-api runs without demo mode', async () => {
    const browser = world.browser();
    world.resourceApi.giveNotes(await world.connect(browser), []);
    world.resourceApi.demoMode = false;
    const response = await browser.get('/jwt-or-introspection').expect(200);
    expect(page(response.text).text('[data-testid=demo-mode-off]')).toMatch(/DEMO_MODE=false/);
  });
});
