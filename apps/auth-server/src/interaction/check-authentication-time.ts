import { adminErrors } from '../admin/admin-errors';
import type { AuthorizationRequestEntity } from './authorization-request.entity';

/**
 * How far login-ui's clock may be from ours, in seconds. Both sides count whole seconds, so even on
 * one machine a password typed at 12:00:00.9 and accepted at 12:00:01.1 is "1 s old": without this,
 * `max_age=0` would refuse a fresh sign-in.
 */
export const CLOCK_SKEW_SECONDS = 5;

/**
 * The login accept's `authenticated_at` (docs/security-cases.md, case 52): login-ui says when the
 * user really authenticated (the Hydra way: the login provider knows, auth-server decides whether it
 * satisfies what the client asked for). It becomes the id_token's `auth_time` (OIDC Core §2), so it
 * must be believable and must meet the request. The checks, in order, each a 400 invalid_request on
 * the admin API (login-ui should never send such an accept):
 *   1. not in the future (beyond the clock skew);
 *   2. `max_age` (OIDC Core §3.1.2.1): at most max_age seconds old; "if the elapsed time is greater
 *      than this value, the OP MUST attempt to actively re-authenticate the End-User";
 *   3. `prompt=login` (OIDC Core §3.1.2.1: "the Authorization Server SHOULD prompt the End-User for
 *      reauthentication"): not before this authorization request started, so an old session cannot
 *      stand in for the password the client asked to be typed again.
 */
export function checkAuthenticationTime(
  request: AuthorizationRequestEntity,
  authenticatedAt: number,
  now: number,
): void {
  if (authenticatedAt > now + CLOCK_SKEW_SECONDS) {
    throw adminErrors.invalidRequest('authenticated_at is in the future');
  }
  if (request.maxAge !== null && now - authenticatedAt > request.maxAge + CLOCK_SKEW_SECONDS) {
    throw adminErrors.invalidRequest(
      `authenticated_at is ${now - authenticatedAt} s ago, older than the request's max_age (${request.maxAge} s): show the login form`,
    );
  }
  if (
    (request.prompt ?? []).includes('login') &&
    authenticatedAt + CLOCK_SKEW_SECONDS < request.createdAt
  ) {
    throw adminErrors.invalidRequest(
      'authenticated_at is before the authorization request, which has prompt=login: show the login form',
    );
  }
}
