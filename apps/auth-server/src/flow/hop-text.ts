import { type FlowParty, loggableValue, logSafe, shorten } from '@oauth-flow-lab/flow-log';

/**
 * Pieces of auth-server's log lines (one line per protocol hop, see libs/flow-log step-line.ts).
 *
 * What goes into a line is either ours (scopes we granted, a `jti` we minted) or a value a client
 * sent that is not a secret (client_id, grant_type, scope), cut and escaped by flow-log's
 * `logSafe()` (a newline would forge a second line: docs/security-cases.md, case 50). Secrets
 * never get here whole: codes, challenges and verifiers are shortened with `shorten()` by the
 * caller, tokens are named by their `jti`, and client secrets, code_verifiers and refresh tokens
 * are not passed at all.
 */

/**
 * The client, as the logs name its party. The parties of the lab are its four apps, and the client
 * role is played by client-web; the `client_id` on the line says which registered client it really
 * was (e.g. reporting-service, the client_credentials machine client).
 */
export const CLIENT_PARTY: FlowParty = 'client-web';

/**
 * A parameter as received: `name=value` (`name="a b"` when it has spaces, like a scope), nothing
 * when absent, empty or repeated.
 */
export function sentParameter(parameters: Readonly<Record<string, unknown>>, name: string): string {
  const value = parameters[name];
  if (typeof value !== 'string' || value === '') {
    return '';
  }
  const shown = logSafe(value);
  return shown.includes(' ') ? `${name}="${shown}"` : `${name}=${shown}`;
}

/** A secret parameter as received, shortened: `code=Yt3kq9Zr…`. */
export function shortenedParameter(
  parameters: Readonly<Record<string, unknown>>,
  name: string,
): string {
  const value = parameters[name];
  return typeof value === 'string' && value !== '' ? `${name}=${shorten(value)}` : '';
}

/** Scopes as the `scope` parameter writes them (RFC 6749 §3.3): space-separated. */
export function scopeText(scopes: readonly string[]): string {
  return scopes.length === 0 ? '(none)' : scopes.join(' ');
}

/** The words of a line, the empty ones left out. */
export function words(...parts: string[]): string {
  return parts.filter((part) => part !== '').join(' ');
}

/** An OAuth error as a line names it: the exact code (RFC 6749 §4.1.2.1, §5.2), then why. */
export function errorText(error: string, description: string): string {
  return `${error} (${logSafe(description)})`;
}

/**
 * Where a redirect sends the browser, its parameters one by one, secrets shortened the way
 * libs/flow-log redact.ts does it (codes, challenges, verifiers, `state`):
 * `http://localhost:3002/callback code=Yt3kq9Zr… state=af0ifjsl… iss=http://localhost:3000`.
 */
export function locationText(location: string | URL): string {
  const url = typeof location === 'string' ? new URL(location) : location;
  const shown = [...url.searchParams].map(
    ([name, value]) => `${logSafe(name, 40)}=${loggableValue(name, value)}`,
  );
  return words(`${url.origin}${url.pathname}`, ...shown);
}
