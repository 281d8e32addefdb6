import type { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest } from '../../errors/oauth-errors';

/** RFC 7636 §4.1: 43-128 characters from the unreserved set [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
export const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * PKCE (RFC 7636 §4.3) is required for every authorization request (RFC 9700 §2.1.1), with the S256
 * method only: `plain` would let whoever sees the authorization request redeem the code.
 */
export function checkPkce(params: RequestParameters): string {
  const codeChallenge = params.optional('code_challenge');
  if (codeChallenge === undefined) {
    throw new InvalidRequest('code_challenge is required (PKCE, RFC 7636)');
  }
  const method = params.optional('code_challenge_method');
  if (method !== 'S256') {
    throw new InvalidRequest('code_challenge_method must be S256');
  }
  if (!PKCE_VALUE.test(codeChallenge)) {
    throw new InvalidRequest('code_challenge must be 43-128 characters of [A-Za-z0-9-._~]');
  }
  return codeChallenge;
}
