import { parseScope } from '@oauth-flow-lab/contracts';
import type { ClientEntity } from '../../clients/client.entity';
import type { RequestParameters } from '../../common/request-parameters';
import { InvalidScope } from '../../errors/oauth-errors';

/**
 * scope (RFC 6749 §3.3): required here (the server has no default scope, so an omitted scope fails
 * as the RFC allows), well-formed, and within the scopes the client is registered for. Order does
 * not matter.
 */
export function checkScope(params: RequestParameters, client: ClientEntity): string[] {
  const scope = parseScope(params.optional('scope') ?? '');
  if (scope === null) {
    throw new InvalidScope('scope contains characters that are not allowed');
  }
  if (scope.length === 0) {
    throw new InvalidScope('scope is required');
  }
  const notAllowed = scope.filter((s) => !client.allowedScopes.includes(s));
  if (notAllowed.length > 0) {
    throw new InvalidScope(`the client may not request: ${notAllowed.join(' ')}`);
  }
  return scope;
}
