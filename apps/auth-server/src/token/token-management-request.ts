import type { HttpRequest } from '../http/http-request';
import type { ClientEntity } from '../clients/client.entity';
import { RequestParameters } from '../common/request-parameters';
import type { ClientAuthentication } from './client-authentication';
import { checkContentType } from './token-request.checks';

export interface TokenManagementRequest {
  client: ClientEntity;
  token: string;
  /** RFC 7009 §2.1 / RFC 7662 §2.1 token_type_hint: unknown values are ignored. */
  hint: 'access_token' | 'refresh_token' | undefined;
}

/**
 * A request to /revoke (RFC 7009 §2.1) or /introspect (RFC 7662 §2.1), checked in order:
 *   the body is a form; no parameter is repeated or named with brackets (a[b]=c)
 *   the client authenticates exactly as at /token (401 invalid_client otherwise)
 *   token is present (invalid_request)
 */
export async function readTokenManagementRequest(
  req: HttpRequest,
  clientAuthentication: ClientAuthentication,
  request: string,
): Promise<TokenManagementRequest> {
  checkContentType(req.headers['content-type'], request);
  const params = new RequestParameters((req.body ?? {}) as Record<string, unknown>);
  params.assertFlat();
  const client = await clientAuthentication.authenticate(req, params);
  const token = params.required('token');
  const hint = params.optional('token_type_hint');
  return {
    client,
    token,
    hint: hint === 'access_token' || hint === 'refresh_token' ? hint : undefined,
  };
}

/**
 * Looks the token up as each kind of token, the kind the hint names first: the hint only saves a
 * lookup, it is never trusted ("If the server is unable to locate the token using the given hint,
 * it MUST extend its search across all of its supported token types", RFC 7009 §2.1). Each lookup
 * answers null when the value is not a token of its kind.
 */
export async function lookUpByHint<T>(
  hint: TokenManagementRequest['hint'],
  lookups: { refreshToken: () => Promise<T | null>; accessToken: () => Promise<T | null> },
): Promise<T | null> {
  const ordered =
    hint === 'access_token'
      ? [lookups.accessToken, lookups.refreshToken]
      : [lookups.refreshToken, lookups.accessToken];
  for (const lookup of ordered) {
    const found = await lookup();
    if (found !== null) {
      return found;
    }
  }
  return null;
}
