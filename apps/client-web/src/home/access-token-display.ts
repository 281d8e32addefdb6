/**
 * For learning only: the two readable parts of a JWT access token (RFC 7519 §3, RFC 9068).
 *
 * A client MUST treat the access token as opaque (RFC 6749 §1.4, RFC 9068 §6): it is a message from
 * auth-server to resource-api, its format may change at any time, and nothing here verifies its
 * signature. Notes Reader decodes it only to show what it carries; it never decides anything from it.
 */
export interface DecodedAccessToken {
  header: unknown;
  claims: unknown;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Splits `header.payload.signature` and decodes the first two base64url segments as JSON. */
export function decodeAccessTokenForDisplay(token: string): DecodedAccessToken | null {
  const segments = token.split('.');
  if (segments.length !== 3) {
    return null;
  }
  const [header, claims] = segments.slice(0, 2).map(decodeJsonSegment);
  if (header === undefined || claims === undefined) {
    return null;
  }
  return { header, claims };
}

function decodeJsonSegment(segment: string): unknown {
  if (!BASE64URL.test(segment)) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
