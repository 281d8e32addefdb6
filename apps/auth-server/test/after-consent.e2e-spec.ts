import { adminPut, consentRequestPath } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { type AtConsent, authorizeUntilConsent } from './fixtures/authorization-flow';
import { acceptConsentStep, expectRedirectTo, followStep } from './fixtures/authorization-steps';
import { expectErrorPage, expectErrorRedirect } from './fixtures/expectations';
import { expireInteraction } from './fixtures/expire';

/**
 * GET /authorize/after-consent: the end of step 2. The binding browser is sent to the client's
 * redirect_uri with `code`, `state` and `iss` (RFC 6749 §4.1.2, RFC 9207), or with the user's refusal.
 */
describe('GET /authorize/after-consent', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  async function consented(): Promise<AtConsent & { afterConsent: string }> {
    const atConsent = await authorizeUntilConsent(sut, { state: 'st-consent' });
    const afterConsent = await acceptConsentStep(sut, atConsent.consentChallenge, ['openid']);
    return { ...atConsent, afterConsent };
  }

  it('case 8: sends the browser to the redirect_uri with code, state and iss', async () => {
    const { afterConsent, bindingCookie } = await consented();
    const response = await followStep(sut, afterConsent, bindingCookie).expect(303);
    const location = new URL(response.headers['location']);
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3002/callback');
    expect([...location.searchParams.keys()].sort()).toEqual(['code', 'iss', 'state']);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toBe('st-consent');
    expect(location.searchParams.get('iss')).toBe('http://localhost:3000');
  });

  describe('case 10: another browser gets a 403 page and no code', () => {
    it('case 10: no binding cookie', async () => {
      const { afterConsent, bindingCookie } = await consented();
      expectErrorPage(await followStep(sut, afterConsent), 403);
      await followStep(sut, afterConsent, bindingCookie).expect(303);
    });

    it("case 10: another request's binding cookie", async () => {
      const mine = await consented();
      const theirs = await consented();
      expectErrorPage(await followStep(sut, mine.afterConsent, theirs.bindingCookie), 403);
    });
  });

  it('case 10: a replayed consent verifier -> 410 page, no second code', async () => {
    const { afterConsent, bindingCookie } = await consented();
    await followStep(sut, afterConsent, bindingCookie).expect(303);
    expectErrorPage(await followStep(sut, afterConsent, bindingCookie), 410);
  });

  it('case 10: an expired request -> 410 page', async () => {
    const { afterConsent, bindingCookie, consentChallenge } = await consented();
    await expireInteraction(sut, consentChallenge);
    expectErrorPage(await followStep(sut, afterConsent, bindingCookie), 410);
  });

  it.each([
    ['missing', '/authorize/after-consent'],
    ['unknown', '/authorize/after-consent?consent_verifier=not-a-verifier'],
  ])('case 10: a %s consent verifier -> 400 page', async (_label, path) => {
    expectErrorPage(await followStep(sut, `${sut.config.issuer}${path}`), 400);
  });

  it('parallel follows of one verifier issue exactly one code', async () => {
    const { afterConsent, bindingCookie } = await consented();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => followStep(sut, afterConsent, bindingCookie)),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([303, ...Array<number>(9).fill(410)]);
  });

  it('case 7: denied consent -> 303 to the client with access_denied, state and iss', async () => {
    const atConsent = await authorizeUntilConsent(sut, { state: 'st-deny' });
    const rejected = await adminPut(
      sut,
      `${consentRequestPath(atConsent.consentChallenge)}/reject`,
      {
        error: 'access_denied',
      },
    );
    const response = await followStep(sut, expectRedirectTo(rejected), atConsent.bindingCookie);
    expectErrorRedirect(response, {
      error: 'access_denied',
      redirectUri: 'http://localhost:3002/callback',
      issuer: 'http://localhost:3000',
      state: 'st-deny',
    });
    expectErrorPage(
      await followStep(sut, expectRedirectTo(rejected), atConsent.bindingCookie),
      410,
    );
  });
});
