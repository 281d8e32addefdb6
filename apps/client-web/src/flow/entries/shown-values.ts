import { loggableValue, SECRET_PARAMETERS, shorten } from '@oauth-flow-lab/flow-log';
import { decodeAccessTokenForDisplay } from '../../home/access-token-display';
import type { DecodedJwt } from '../flow-record';

/**
 * The one place where a value becomes showable, in the flow view and in the logs alike: flow-log's
 * rules (redact.ts: codes, states and nonces shortened; verifiers, secrets and tokens redacted),
 * plus the PKCE code_challenge, shortened too. A challenge is not a secret (it is a hash of the
 * verifier, sent through the browser), but a prefix is all a reader needs to match step 1 with what
 * auth-server logged.
 */
export function shownValue(name: string, value: string): string {
  return name === 'code_challenge' ? shorten(value) : loggableValue(name, value);
}

/** The parameters of a request or response as they may be shown: absent ones left out. */
export function shownParameters(
  parameters: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) {
      shown[name] = shownValue(name, value);
    }
  }
  return shown;
}

/**
 * A token named without being shown: `access token jti=…` for a JWT (RFC 7519 §4.1.7: its unique
 * id, which auth-server and resource-api log too), else just `an opaque access token`.
 */
export function tokenReference(token: string): string {
  const claims = decodeAccessTokenForDisplay(token)?.claims;
  const jti = isRecord(claims) ? claims['jti'] : undefined;
  return typeof jti === 'string' ? `access token jti=${jti}` : 'an opaque access token';
}

/**
 * A JWT's header and claims for the flow view, the same decoding as the home page's (display only,
 * nothing verified here). The token itself is never kept; a claim that is a secret parameter too
 * (the OIDC `nonce`) is shortened like everywhere else.
 */
export function decodedForFlow(token: string | undefined): DecodedJwt | null {
  const decoded = token === undefined ? null : decodeAccessTokenForDisplay(token);
  if (decoded === null || !isRecord(decoded.header) || !isRecord(decoded.claims)) {
    return null;
  }
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(decoded.claims)) {
    claims[name] =
      typeof value === 'string' && SECRET_PARAMETERS.has(name) ? shownValue(name, value) : value;
  }
  return { header: { ...decoded.header }, claims };
}

/** A URL without its query string and fragment: the parameters are shown apart, redacted. */
export function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

export function pathOf(url: string): string {
  return URL.canParse(url) ? new URL(url).pathname : withoutQuery(url);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
