import type { AccessTokenClaims } from '@oauth-flow-lab/contracts';
import { tokenChecksOf } from '../token/token-check-trail';

/** Who is calling, as the verified access token says (step 6). */
export interface Principal {
  /** The resource owner (the user), `sub`. */
  sub: string;
  /** The client acting for them, `client_id`. */
  clientId: string;
  /** What they consented to, `scope` split into its tokens. */
  scopes: string[];
  /** Every claim of the token, verified. */
  claims: AccessTokenClaims;
}

/** The principal of a token that passed every check of AccessTokenGuard on this request. */
export function principalOf(request: object): Principal {
  const run = tokenChecksOf(request);
  const principal = run?.failure === undefined ? run?.subject.principal : undefined;
  if (principal === undefined) {
    throw new Error(
      'No access-token principal on this request: guard the route with @Authenticated()',
    );
  }
  return principal;
}
