import type { Request } from 'express';
import { checkCode } from './checks/check-code';
import { checkErrorResponse } from './checks/check-error-response';
import { checkIssuer } from './checks/check-issuer';
import { checkState } from './checks/check-state';
import { parseAuthorizationResponse } from './checks/parse-authorization-response';

/**
 * Step 3 begins, RFC 6749 §4.1.2: auth-server sent the browser back to /callback (step 2's end)
 * with a code, or with an error. Before anything is sent to the token endpoint, the response must
 * pass these checks, in this order; the first failure is an error page and no token request is made
 * (docs/security-cases.md, case 36):
 *
 *   1. each parameter at most once            RFC 6749 §3.1            parse-authorization-response.ts
 *   2. iss is our authorization server         RFC 9207 §2.4            check-issuer.ts
 *   3. state is this browser's pending request RFC 6749 §10.12          check-state.ts
 *   4. no error (access_denied: declined)      RFC 6749 §4.1.2.1        check-error-response.ts
 *   5. a code to exchange                      RFC 6749 §4.1.2          check-code.ts
 *
 * An error response ends the pending request (its state is spent); a code goes on to step 3's
 * exchange, where passport-oauth2 takes the pending request out of the session.
 */
export function checkAuthorizationResponse(req: Request, issuer: string): void {
  const response = parseAuthorizationResponse(req.query);
  checkIssuer(response.iss, issuer);
  checkState(response.state, req.session.pendingAuthorization);
  if (response.error !== undefined) {
    delete req.session.pendingAuthorization;
  }
  checkErrorResponse(response);
  checkCode(response);
}
