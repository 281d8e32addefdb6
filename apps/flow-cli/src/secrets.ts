/**
 * What the CLI must never print whole: authorization codes, login and consent challenges, `state`,
 * PKCE challenges and tokens are shown as a recognisable prefix and "…", enough to follow one value
 * from hop to hop, never enough to replay it.
 */
export function shorten(secret: string, keep = 8): string {
  const visible = Math.min(keep, Math.floor(secret.length / 2));
  return `${secret.slice(0, visible)}…`;
}

/** Query parameters of the flow whose values are secrets (RFC 6749, RFC 7636, Hydra challenges). */
export const SECRET_PARAMETERS: ReadonlySet<string> = new Set([
  'code',
  'state',
  'nonce',
  'code_challenge',
  'code_verifier',
  'login_challenge',
  'consent_challenge',
  'login_verifier',
  'consent_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'client_secret',
  '_csrf',
]);

/** The password is not even shortened: nothing of it is shown. */
export const PASSWORD_MASK = '••••';

/** Shortens one parameter's value if it is a secret; the password is fully masked. */
export function redactParameter(name: string, value: string): string {
  if (name === 'password' || name === 'client_secret') {
    return PASSWORD_MASK;
  }
  return SECRET_PARAMETERS.has(name) && value.length > 0 ? shorten(value) : value;
}

/** A URL as it may be printed: its secret query parameters shortened. */
export function redactUrl(url: string | URL): string {
  const parsed = new URL(url);
  if (parsed.search === '') {
    return parsed.toString();
  }
  const query = [...parsed.searchParams]
    .map(([name, value]) => `${name}=${redactParameter(name, value)}`)
    .join('&');
  return `${parsed.origin}${parsed.pathname}?${query}`;
}

/** A form body as it may be printed: `username=alice&password=••••&login_challenge=3b1f…`. */
export function redactForm(form: Readonly<Record<string, string>>): string {
  return Object.entries(form)
    .map(([name, value]) => `${name}=${redactParameter(name, value)}`)
    .join('&');
}

/** Claims as they may be printed: a nonce or hash that binds the token is shortened too. */
export function redactClaims(claims: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) =>
      typeof value === 'string' && (SECRET_PARAMETERS.has(name) || name.endsWith('_hash'))
        ? [name, shorten(value)]
        : [name, value],
    ),
  );
}
