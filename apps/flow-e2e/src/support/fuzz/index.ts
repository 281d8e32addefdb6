/**
 * Random and hostile HTTP requests for fuzz.e2e-spec.ts, built with fast-check. Each request is
 * near-valid often enough to reach past the first check of its endpoint (a real client id, the
 * registered redirect URI, a real CSRF token), and hostile everywhere else: repeated parameters,
 * `a[b]=c` keys, huge values, unicode, NUL and CRLF, injection strings, near-miss redirect URIs,
 * invalid percent-encoding, wrong content types and random Authorization header shapes.
 *
 * One file per endpoint group (authorize, token, token-management, userinfo, login-ui,
 * resource-api), on shared pieces: hostile values, parameters, headers, JWTs, Authorization
 * headers, envelopes, bodies, requests and client credentials. This index re-exports what
 * fuzz.e2e-spec.ts uses.
 */

export { authorizeRequests } from './authorize';
export { randomCredentials, realCredentials } from './credentials';
export { type JwtMaterial } from './jwts';
export { type LoginUiFixture, loginUiFormRequests, loginUiPageRequests } from './login-ui';
export { describeRequest, type FuzzRequest, type FuzzTargets } from './requests';
export { notesReadRequests, notesWriteRequests } from './resource-api';
export { tokenRequests } from './token';
export { tokenManagementRequests } from './token-management';
export { userinfoRequests } from './userinfo';
