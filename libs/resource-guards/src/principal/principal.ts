import type { AccessTokenClaims } from '@oauth-flow-lab/contracts';
import type { Request } from 'express';

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

/** The principal AccessTokenGuard attached to the request (passport stores it as `request.user`). */
export function principalOf(request: Request): Principal {
  const user: unknown = request.user;
  if (!isPrincipal(user)) {
    throw new Error(
      'No access-token principal on this request: guard the route with @Authenticated()',
    );
  }
  return user;
}

function isPrincipal(value: unknown): value is Principal {
  return (
    typeof value === 'object' &&
    value !== null &&
    'sub' in value &&
    'scopes' in value &&
    Array.isArray(value.scopes)
  );
}
