import { logSafe } from '@oauth-flow-lab/flow-log';
import { type HttpRequest, pathOf } from '../http/http-request';
import { sentParameter, shortenedParameter, words } from '../flow/hop-text';
import { parseBasicCredentials } from './basic-credentials';

/**
 * A back-channel request of a client (/token, /revoke, /introspect) as its log line shows it, the
 * way it arrived, valid or not:
 *
 *     POST /token grant_type=authorization_code client_id=client-web (client_secret_basic) code=Yt3kq9Zr…
 *
 * It names the client and how it authenticated (RFC 6749 §2.3.1), never the secret; the code
 * shortened; never the code_verifier, the refresh token or the token being revoked or introspected.
 */
export function clientRequestText(req: HttpRequest): string {
  const body = formOf(req);
  return words(
    `${req.method} ${pathOf(req)}`,
    sentParameter(body, 'grant_type'),
    clientText(req.headers.authorization, body),
    shortenedParameter(body, 'code'),
    sentParameter(body, 'scope'),
    sentParameter(body, 'token_type_hint'),
  );
}

/** `client_id=client-web (client_secret_basic)`: who the client says it is, and how it proves it. */
function clientText(
  authorization: string | undefined,
  body: Readonly<Record<string, unknown>>,
): string {
  // An empty parameter counts as omitted (RFC 6749 §3.2), as the token endpoint reads it: passport-oauth2
  // sends `client_secret=` beside its Basic header.
  const secretInBody = typeof body['client_secret'] === 'string' && body['client_secret'] !== '';
  if (authorization === undefined || authorization === '') {
    const method = secretInBody ? 'client_secret_post' : 'no client authentication';
    return words(sentParameter(body, 'client_id'), `(${method})`);
  }
  let basicClientId: string | undefined;
  try {
    basicClientId = parseBasicCredentials(authorization)?.clientId;
  } catch {
    const scheme = logSafe(authorization.trim().split(' ')[0] ?? '', 20);
    return `(Authorization: ${scheme} …, not client_secret_basic)`;
  }
  const method = secretInBody
    ? 'client_secret_basic and client_secret_post'
    : 'client_secret_basic';
  return words(
    basicClientId === undefined ? '' : `client_id=${logSafe(basicClientId)}`,
    `(${method})`,
  );
}

/** The parsed form body; nothing when the body was not a form (the request is refused then). */
function formOf(req: HttpRequest): Readonly<Record<string, unknown>> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}
