import type { AccessTokenClaims } from '@oauth-flow-lab/contracts';

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

/**
 * The principal of each request whose token passed every check of AccessTokenGuard, kept beside
 * the request (not on it: nothing a handler could serialise by mistake).
 */
const principals = new WeakMap<object, Principal>();

export function rememberPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

/** The principal of a token that passed every check of AccessTokenGuard on this request. */
export function principalOf(request: object): Principal {
  const principal = principals.get(request);
  if (principal === undefined) {
    throw new Error(
      'No access-token principal on this request: guard the route with @Authenticated()',
    );
  }
  return principal;
}
