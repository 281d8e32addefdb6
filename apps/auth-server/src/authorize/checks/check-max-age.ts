import { MAX_AGE_MAX_SECONDS } from '@oauth-flow-lab/contracts';
import type { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest } from '../../errors/oauth-errors';

/**
 * OIDC Core §3.1.2.1, `max_age`: "the allowable elapsed time in seconds since the last time the
 * End-User was actively authenticated by the OP. If the elapsed time is greater than this value,
 * the OP MUST attempt to actively re-authenticate the End-User." It is stored with the request and
 * handed to login-ui in the login request: login-ui may then skip its form only for a session whose
 * password sign-in is recent enough (`max_age=0`: always the form), and the accept is refused when
 * its `authenticated_at` is older (interaction/check-authentication-time.ts).
 *
 * A non-negative integer of seconds, at most MAX_AGE_MAX_SECONDS (10 years); anything else (a sign,
 * a fraction, a word, an absurd size) is invalid_request, not ignored: a client that asked for a
 * recent authentication must not silently get an old one.
 */
export function checkMaxAge(params: RequestParameters): number | undefined {
  const value = params.optional('max_age');
  if (value === undefined) {
    return undefined;
  }
  const seconds = /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
  if (!(seconds <= MAX_AGE_MAX_SECONDS)) {
    throw new InvalidRequest(
      `max_age must be a whole number of seconds from 0 to ${MAX_AGE_MAX_SECONDS}`,
    );
  }
  return seconds;
}
