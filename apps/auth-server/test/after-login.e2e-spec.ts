import { sha256Digest } from '../src/common/random';
import { AuthorizationRequestEntity } from '../src/interaction/authorization-request.entity';
import { adminPut, loginRequestPath } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE } from './fixtures/authorization-flow';
import {
  acceptLoginStep,
  authorizeStep,
  expectRedirectTo,
  followStep,
  type StartedAuthorization,
} from './fixtures/authorization-steps';
import { expectErrorPage, expectErrorRedirect } from './fixtures/expectations';
import { expireInteraction } from './fixtures/expire';

/**
 * GET /authorize/after-login: the browser comes back from login-ui with a login verifier. Only the
 * browser that started the request (its binding cookie) may continue it, once.
 */
describe('GET /authorize/after-login', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  async function loggedIn(): Promise<StartedAuthorization & { afterLogin: string }> {
    const started = await authorizeStep(sut, { state: 'st-login' });
    return { ...started, afterLogin: await acceptLoginStep(sut, started.loginChallenge, ALICE) };
  }

  async function phaseOf(loginChallenge: string) {
    const row = await sut.dataSource
      .getRepository(AuthorizationRequestEntity)
      .findOneByOrFail({ loginChallengeDigest: sha256Digest(loginChallenge) });
    return { phase: row.phase, consentChallengeIssued: row.consentChallengeDigest !== null };
  }

  it('sends the binding browser on to login-ui consent with a consent challenge', async () => {
    const { afterLogin, bindingCookie } = await loggedIn();
    const response = await followStep(sut, afterLogin, bindingCookie).expect(303);
    const location = new URL(response.headers['location']);
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3001/consent');
    expect(location.searchParams.get('consent_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  describe('case 10: another browser gets a 403 page and no consent challenge', () => {
    it('case 10: no binding cookie', async () => {
      const { afterLogin, bindingCookie, loginChallenge } = await loggedIn();
      expectErrorPage(await followStep(sut, afterLogin), 403);
      expect(await phaseOf(loginChallenge)).toEqual({
        phase: 'login_accepted',
        consentChallengeIssued: false,
      });
      // The browser that started the request can still continue it.
      await followStep(sut, afterLogin, bindingCookie).expect(303);
    });

    it("case 10: another request's binding cookie", async () => {
      const mine = await loggedIn();
      const theirs = await authorizeStep(sut);
      expectErrorPage(await followStep(sut, mine.afterLogin, theirs.bindingCookie), 403);
      expect((await phaseOf(mine.loginChallenge)).consentChallengeIssued).toBe(false);
    });

    it('case 10: the right cookie name with a forged value', async () => {
      const mine = await loggedIn();
      const theirs = await authorizeStep(sut);
      const forged = `${mine.bindingCookie.split('=')[0]}=${theirs.bindingCookie.split('=')[1]}`;
      expectErrorPage(await followStep(sut, mine.afterLogin, forged), 403);
      expect((await phaseOf(mine.loginChallenge)).consentChallengeIssued).toBe(false);
    });
  });

  it('case 10: a replayed login verifier -> 410 page', async () => {
    const { afterLogin, bindingCookie } = await loggedIn();
    await followStep(sut, afterLogin, bindingCookie).expect(303);
    expectErrorPage(await followStep(sut, afterLogin, bindingCookie), 410);
  });

  it('case 10: an expired request -> 410 page', async () => {
    const { afterLogin, bindingCookie, loginChallenge } = await loggedIn();
    await expireInteraction(sut, loginChallenge);
    expectErrorPage(await followStep(sut, afterLogin, bindingCookie), 410);
  });

  it.each([
    ['missing', '/authorize/after-login'],
    ['empty', '/authorize/after-login?login_verifier='],
    ['unknown', '/authorize/after-login?login_verifier=not-a-verifier'],
    ['sent twice', '/authorize/after-login?login_verifier=a&login_verifier=b'],
  ])('case 10: a %s login verifier -> 400 page', async (_label, path) => {
    expectErrorPage(await followStep(sut, `${sut.config.issuer}${path}`), 400);
  });

  it('a login verifier is not a consent verifier -> 400 page at after-consent', async () => {
    const { afterLogin } = await loggedIn();
    const verifier = new URL(afterLogin).searchParams.get('login_verifier') ?? '';
    const path = `/authorize/after-consent?consent_verifier=${verifier}`;
    expectErrorPage(await followStep(sut, `${sut.config.issuer}${path}`), 400);
  });

  it('case 7: a rejected login -> 303 to the client with access_denied, state and iss', async () => {
    const started = await authorizeStep(sut, { state: 'st-7' });
    const rejected = await adminPut(sut, `${loginRequestPath(started.loginChallenge)}/reject`, {
      error: 'access_denied',
      error_description: 'The user cancelled the login',
    });
    const response = await followStep(sut, expectRedirectTo(rejected), started.bindingCookie);
    const params = expectErrorRedirect(response, {
      error: 'access_denied',
      redirectUri: 'http://localhost:3002/callback',
      issuer: 'http://localhost:3000',
      state: 'st-7',
    });
    expect(params.get('error_description')).toBe('The user cancelled the login');
    // The rejection is delivered once.
    expectErrorPage(await followStep(sut, expectRedirectTo(rejected), started.bindingCookie), 410);
  });
});
