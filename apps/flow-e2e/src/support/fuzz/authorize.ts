import fc from 'fast-check';
import { envelopes, FORM_TYPE } from './envelopes';
import { headerValue, noiseHeaders } from './headers';
import { base64url, fuzzString, near } from './hostile-values';
import { parameterList } from './parameters';
import { type FuzzRequest, type FuzzTargets, requestWith } from './requests';

/**
 * GET /authorize and its continuations (RFC 6749 §4.1.1), with redirect URIs one small step from
 * the registered one. Exact string comparison (RFC 9700 §4.1.3): none of them may ever receive a
 * redirect (RFC 6749 §4.1.2.1); once client and redirect URI pass, every other failure is an error
 * redirect carrying the state.
 */

/** A valid PKCE code_challenge (RFC 7636 appendix B), for requests that should pass that check. */
const PKCE_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
export const PKCE_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

/**
 * Redirect URIs one small step from the registered one (RFC 9700 §4.1.3: exact string comparison):
 * trailing slash, other port, userinfo that moves the host, uppercase host, encoded slash, ...
 * None of them may ever receive a redirect (RFC 6749 §4.1.2.1).
 */
export function nearMissRedirectUris(clientWeb: string): string[] {
  const { hostname, port } = new URL(clientWeb);
  const at = `${hostname}:${port}`;
  return [
    `${clientWeb}/callback/`,
    `${clientWeb}/callback?next=https://evil.example/`,
    `${clientWeb}/callback#fragment`,
    `${clientWeb}/Callback`,
    `${clientWeb}/callback/../callback`,
    `${clientWeb}/./callback`,
    `${clientWeb}/callbackx`,
    `${clientWeb}/callback%2F`,
    `${clientWeb}%2Fcallback`,
    `${clientWeb}/%63allback`,
    `${clientWeb}/callback%00`,
    `${clientWeb}/callback\u0000`,
    `${clientWeb}/callback\r\n`,
    ` ${clientWeb}/callback`,
    `${clientWeb}/callback `,
    `${clientWeb}//callback`,
    `${clientWeb}\\callback`,
    `${clientWeb}/callback?`,
    `http://${hostname}:${Number(port) + 1}/callback`,
    `http://${hostname.toUpperCase()}:${port}/callback`,
    `HTTP://${at}/callback`,
    `https://${at}/callback`,
    `http://127.0.0.1:${port}/callback`,
    `http://[::1]:${port}/callback`,
    `http://${hostname}:0${port}/callback`,
    `http://${hostname}/callback`,
    `http://${at}@evil.example/callback`,
    `http://evil.example@${at}/callback`,
    `http://${at}.evil.example/callback`,
    `http://${at}%2F@evil.example/callback`,
    `http://${at}\\@evil.example/callback`,
    `//${at}/callback`,
    '/callback',
    'http://evil.example/callback',
    'https://evil.example/',
    'javascript:alert(document.domain)//',
    'data:text/html,<script>alert(1)</script>',
    'urn:ietf:wg:oauth:2.0:oob',
  ];
}

/** The client's registered redirect URI (a near-miss list follows it everywhere it is sent). */
export function redirectUris(t: FuzzTargets): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(`${t.clientWeb}/callback`) },
    { weight: 4, arbitrary: fc.constantFrom(...nearMissRedirectUris(t.clientWeb)) },
    { weight: 1, arbitrary: fuzzString },
  );
}

/**
 * GET /authorize (RFC 6749 §4.1.1) and its two continuations, mostly near-valid: client-web, the
 * registered redirect URI or a near miss, scopes, PKCE S256, prompt; POST and other methods too.
 * Once client and redirect URI pass, every other failure is an error redirect carrying the state.
 */
export function authorizeRequests(t: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const parameters = parameterList(
    {
      response_type: near(['code'], ['token', 'id_token', 'code id_token', 'none', 'CODE']),
      client_id: near(['client-web'], ['reporting-service', 'CLIENT-WEB', 'client-web ', 'x']),
      redirect_uri: redirectUris(t),
      scope: near(
        ['openid profile offline_access notes:read notes:write', 'notes:read', 'openid'],
        ['notes:stats', 'admin', 'openid openid', 'notes:read\tnotes:write', ''],
      ),
      state: fuzzString,
      code_challenge: near([PKCE_CHALLENGE], ['short', 'x'.repeat(129), `${PKCE_CHALLENGE}!`]),
      code_challenge_method: near(['S256'], ['plain', 's256', 'none']),
    },
    {
      nonce: fuzzString,
      prompt: near(['login', 'consent'], ['none', 'select_account', 'none login', 'create']),
      response_mode: near(['query'], ['fragment', 'form_post']),
      request_uri: near(['https://evil.example/request.jwt']),
      login_verifier: fc.oneof(base64url(20, 60), fuzzString),
      consent_verifier: fc.oneof(base64url(20, 60), fuzzString),
    },
  );
  const path = fc.oneof(
    { weight: 8, arbitrary: fc.constant('/authorize') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/authorize/after-login',
        '/authorize/after-consent',
        '/authorize/',
        '/Authorize',
        '/authorize/..%2ftoken',
        '/authorize%00',
      ),
    },
  );
  const binding = fc
    .tuple(base64url(0, 40), fuzzString)
    .map(([id, value]) => headerValue(`auth_server.binding.${id}=${value}`));
  return fc
    .tuple(
      envelopes({ method: 'GET', shape: 'form', contentType: FORM_TYPE }),
      path,
      parameters,
      noiseHeaders,
      fc.option(binding, { freq: 3 }),
    )
    .chain(([envelope, p, params, noise, cookie]) => {
      const headers: [string, string][] = [
        ...noise,
        ...(cookie ? [['cookie', cookie] as [string, string]] : []),
      ];
      return requestWith({ envelope, url: `${t.authServer}${p}`, parameters: params, headers });
    });
}
