import type { HttpRequest } from '../http/http-request';
import { InvalidRequest, MissingAccessToken } from '../errors/resource-access.errors';

/**
 * Step 6, first check: how the access token travels. RFC 6750 §2 defines three ways; this server
 * accepts only the first, the `Authorization: Bearer <token>` header (§2.1). A token in the query
 * string (§2.3) ends up in access logs, browser history and Referer headers, and RFC 9700 §2.5 and
 * OAuth 2.1 forbid it; a form field (§2.2) is refused with it, as is sending the token twice.
 *
 * - no Authorization header, or another scheme (Basic ...)  -> 401 challenge without error code
 * - `access_token` in the query string or the body          -> 401 invalid_request
 * - `Authorization: Bearer` not followed by exactly one token -> 401 invalid_request
 *
 * Returns the token, which step 6's checks then examine (validation/token-validation.ts).
 */
export function checkBearerRequest(
  request: Pick<HttpRequest, 'headers' | 'query' | 'body'>,
): string {
  if (hasAccessTokenParameter(request.query) || hasAccessTokenParameter(request.body)) {
    throw new InvalidRequest(
      'Send the access token in the Authorization header only, never in the query string or the body',
    );
  }
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    throw new MissingAccessToken();
  }
  const scheme = authorization.trim().split(/\s+/)[0] ?? '';
  if (scheme.toLowerCase() !== 'bearer') {
    throw new MissingAccessToken();
  }
  if (!BEARER_CREDENTIALS.test(authorization)) {
    throw new InvalidRequest('The Authorization header must be Bearer followed by one token');
  }
  return authorization.trim().split(/ +/)[1];
}

/** §2.1: `credentials = "Bearer" 1*SP b64token`, b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
const BEARER_CREDENTIALS = /^Bearer +[A-Za-z0-9\-._~+/]+=*$/i;

function hasAccessTokenParameter(parameters: unknown): boolean {
  return (
    typeof parameters === 'object' &&
    parameters !== null &&
    Object.prototype.hasOwnProperty.call(parameters, 'access_token')
  );
}
