import { type BearerErrorCode, errorDescriptionOf } from '@oauth-flow-lab/contracts';

/**
 * Step 6, RFC 6750 §3: the `WWW-Authenticate: Bearer` challenge a resource server sends with a 401
 * or 403. It names the realm and, when a token was presented, why it was refused:
 *
 *   WWW-Authenticate: Bearer realm="http://localhost:3003", error="insufficient_scope",
 *                     error_description="...", scope="notes:write"
 *
 * When the request carried no token at all, the challenge has no `error` (§3.1: the client may
 * simply not have known that the resource is protected).
 */
export interface BearerChallenge {
  error?: BearerErrorCode;
  errorDescription?: string;
  /** §3: the scope needed to access the resource, space-delimited. */
  scope?: string;
}

export function formatBearerChallenge(realm: string, challenge: BearerChallenge): string {
  const attributes: [string, string | undefined][] = [
    ['realm', realm],
    ['error', challenge.error],
    ['error_description', challenge.errorDescription],
    ['scope', challenge.scope],
  ];
  const present = attributes.filter((entry): entry is [string, string] => entry[1] !== undefined);
  // §3: no value may hold a character outside %x20-21 / %x23-5B / %x5D-7E (errorDescriptionOf),
  // so none can break out of its quotes or inject another header.
  return `Bearer ${present.map(([name, value]) => `${name}="${errorDescriptionOf(value)}"`).join(', ')}`;
}
