import { parseScope } from '@oauth-flow-lab/contracts';
import type { RequestParameters } from '../common/request-parameters';
import { InvalidScope } from '../errors/oauth-errors';

/**
 * The optional `scope` of a token request (RFC 6749 §3.3): omitted, the whole of `ceiling`; sent, it
 * must be well-formed and within `ceiling` (the refresh token's scopes, §6, or the client's allowed
 * scopes, §4.4.2), otherwise invalid_scope. Order does not matter.
 */
export function requestedScope(
  params: RequestParameters,
  ceiling: readonly string[],
  ceilingName: string,
): string[] {
  const raw = params.optional('scope');
  const scope = parseScope(raw ?? '');
  if (scope === null) {
    throw new InvalidScope('scope contains characters that are not allowed');
  }
  if (scope.length === 0) {
    return [...ceiling];
  }
  const beyond = scope.filter((s) => !ceiling.includes(s));
  if (beyond.length > 0) {
    throw new InvalidScope(`scope goes beyond ${ceilingName}: ${beyond.join(' ')}`);
  }
  return scope;
}
