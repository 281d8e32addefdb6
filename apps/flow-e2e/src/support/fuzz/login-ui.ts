import fc from 'fast-check';
import { bodyFor } from './bodies';
import { envelopes, FORM_TYPE, methodHasBody, methods } from './envelopes';
import { headerValue, noiseHeaders } from './headers';
import { base64url, fuzzString, near } from './hostile-values';
import { parameterList } from './parameters';
import { buildRequest, type FuzzRequest, type FuzzTargets } from './requests';

/**
 * login-ui's pages and forms: GET /login and /consent with real, foreign and random challenges;
 * POST /login and /consent with real, foreign, broken or missing CSRF tokens and cookies. Probes
 * CSRF protection of the login and consent forms (RFC 6749 §10.12) and that every redirect still
 * goes to auth-server, never elsewhere (RFC 6749 §4.1.2.1).
 */

/**
 * What a real browser holds at login-ui after opening pending login and consent pages: its cookies
 * (CSRF cookie and browser id) and the `_csrf` of its forms; and another browser's, whose token is
 * worthless with the first one's cookies.
 */
export interface LoginUiFixture {
  cookies: string;
  csrf: string;
  otherCookies: string;
  otherCsrf: string;
  loginChallenges: string[];
  consentChallenges: string[];
}

function cookieHeader(fixture: LoginUiFixture): fc.Arbitrary<string | undefined> {
  const garbage = fc
    .array(
      fc.tuple(
        near(['login_ui.csrf', 'login_ui.browser_id', 'login_ui.session', 'auth_server.binding.x']),
        fuzzString,
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((pairs) => headerValue(pairs.map(([name, value]) => `${name}=${value}`).join('; ')));
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>(fixture.cookies) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(fixture.otherCookies) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
    { weight: 1, arbitrary: garbage },
    { weight: 1, arbitrary: garbage.map((g) => `${fixture.cookies}; ${g}`) },
  );
}

/** The noise headers, and the Cookie header if there is one. */
function withCookie(noise: [string, string][], cookie: string | undefined): [string, string][] {
  return [...noise, ...(cookie === undefined ? [] : [['cookie', cookie] as [string, string]])];
}

/** GET /login?login_challenge=… and GET /consent?consent_challenge=…, real challenges or not. */
export function loginUiPageRequests(
  t: FuzzTargets,
  fixture: LoginUiFixture,
): fc.Arbitrary<FuzzRequest> {
  const challenge = fc.oneof(
    near([...fixture.loginChallenges, ...fixture.consentChallenges], ['', 'x'.repeat(513)]),
    base64url(0, 600),
  );
  return fc
    .tuple(
      methods('GET'),
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('/login', '/consent') },
        { weight: 1, arbitrary: fc.constantFrom('/login/', '/CONSENT', '/login/..%2fconsent') },
      ),
      parameterList({ login_challenge: challenge }, { consent_challenge: challenge }),
      cookieHeader(fixture),
      noiseHeaders,
    )
    .map(([method, path, query, cookie, noise]) =>
      buildRequest({
        method,
        url: `${t.loginUi}${path}`,
        // The parameter the page reads, whichever page it is.
        query: path.toLowerCase().startsWith('/consent')
          ? query.map((p) =>
              p.name === 'login_challenge' ? { ...p, name: 'consent_challenge' } : p,
            )
          : query,
        headers: withCookie(noise, cookie),
      }),
    );
}

/**
 * POST /login and POST /consent: random bodies with real, foreign, broken or missing CSRF tokens
 * and challenges; often all valid but the credentials or the decision, sometimes entirely valid
 * (a sign-in or a consent that goes through, whose redirect must still be to auth-server).
 */
export function loginUiFormRequests(
  t: FuzzTargets,
  fixture: LoginUiFixture,
): fc.Arbitrary<FuzzRequest> {
  const csrf = near(
    [fixture.csrf],
    [
      fixture.otherCsrf,
      `${fixture.csrf}x`,
      fixture.csrf.slice(0, -1),
      fixture.csrf.toUpperCase(),
      '',
    ],
  );
  const login = parameterList(
    {
      _csrf: csrf,
      login_challenge: near(fixture.loginChallenges, [...fixture.consentChallenges, '']),
      username: near(['alice', 'bob'], ['ALICE', ' alice', 'mallory', '']),
      password: near(['wonderland', 'builder'], ['Wonderland', '']),
    },
    { keep_signed_in: near(['yes'], ['no', 'on']) },
  );
  const consent = parameterList(
    {
      _csrf: csrf,
      consent_challenge: near(fixture.consentChallenges, [...fixture.loginChallenges, '']),
      decision: near(['allow', 'deny'], ['ALLOW', '']),
    },
    {
      remember: near(['yes'], ['no']),
      grant_scope: near(['notes:stats', 'openid profile offline_access notes:read notes:write']),
    },
  );
  return fc
    .tuple(
      envelopes({ method: 'POST', shape: 'form', contentType: FORM_TYPE }),
      fc.constantFrom('/login', '/consent'),
      cookieHeader(fixture),
      noiseHeaders,
    )
    .chain(([envelope, path, cookie, noise]) => {
      const method = envelope.method;
      const headers = withCookie(noise, cookie);
      const url = `${t.loginUi}${path}`;
      const parameters = path === '/login' ? login : consent;
      if (!methodHasBody(method)) {
        return parameters.map((query) => buildRequest({ method, url, query, headers }));
      }
      return bodyFor(parameters, envelope).map((body) =>
        buildRequest({ method, url, headers, body }),
      );
    });
}
