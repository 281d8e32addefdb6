import { InsufficientScope } from '../errors/resource-access.errors';
import { TokenCheckFailure } from '../token/token-check';

/**
 * Step 6, last check: the token was granted every scope the endpoint requires (RFC 6749 §3.3). A
 * valid token without it gets 403 insufficient_scope with a `scope` attribute naming what is
 * needed (RFC 6750 §3.1).
 */
export function checkScope(granted: readonly string[], required: readonly string[]): string {
  const missing = required.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) {
    throw new TokenCheckFailure(
      `needs ${missing.join(' ')}; the token grants ${granted.join(' ') || 'no scope'}`,
      new InsufficientScope(required),
    );
  }
  return required.length === 0 ? 'the endpoint requires no scope' : `grants ${required.join(' ')}`;
}
