/**
 * Scopes (RFC 6749 §3.3): what a client may ask for, and the words the consent page shows for each.
 * Declared once here; auth-server validates requests against it, login-ui shows the descriptions,
 * resource-api requires them on its routes.
 */
export const SCOPE_DESCRIPTIONS = {
  openid: 'Sign you in with your account (OpenID Connect)',
  profile: 'See your name and username',
  offline_access: 'Stay connected while you are away',
  'notes:read': 'Read your notes',
  'notes:write': 'Create notes',
  // Granted to a machine client (client_credentials), never asked of a user.
  'notes:stats': 'See how many notes each user has',
} as const;

export type ScopeName = keyof typeof SCOPE_DESCRIPTIONS;

export const SCOPES_SUPPORTED = Object.keys(SCOPE_DESCRIPTIONS) as ScopeName[];

export function isKnownScope(value: string): value is ScopeName {
  return Object.prototype.hasOwnProperty.call(SCOPE_DESCRIPTIONS, value);
}

/** RFC 6749 §3.3 scope-token: 1*( %x21 / %x23-5B / %x5D-7E ), i.e. printable ASCII but `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * Parses a `scope` parameter: "a list of space-delimited, case-sensitive strings" (RFC 6749 §3.3).
 * Order does not matter and duplicates collapse. Returns null when a token has characters the RFC forbids.
 */
export function parseScope(value: string): string[] | null {
  const tokens = value.split(' ').filter((token) => token.length > 0);
  if (!tokens.every((token) => SCOPE_TOKEN.test(token))) {
    return null;
  }
  return [...new Set(tokens)];
}

/** The inverse of parseScope: the space-delimited form used in `scope` parameters and claims. */
export function formatScope(scopes: readonly string[]): string {
  return scopes.join(' ');
}
