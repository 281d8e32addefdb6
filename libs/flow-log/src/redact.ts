import { escapeForLog, LOGGED_VALUE_MAX_CHARS, logSafe } from './log-safe';

/**
 * Secrets never reach the logs. A secret that helps to follow the story (an authorization code, a
 * challenge) is shortened to a recognisable prefix: enough to match two log lines, far too little
 * to use (8 characters of a 43-character random code leave 210 of its 256 bits unknown).
 */
const PREFIX_LENGTH = 8;

export function shorten(secret: string): string {
  // The prefix is what the request sent: escaped like any other value of a log line (log-safe.ts).
  return `${escapeForLog(prefixOf(secret))}…`;
}

/** The prefix shorten() shows, not yet escaped: empty for a secret too short to shorten. */
function prefixOf(secret: string): string {
  // By code points, not UTF-16 units: a cut through an emoji would leave half a surrogate pair,
  // which encodeURIComponent refuses with a URIError (in the request logger: a 500 for any request).
  const characters = Array.from(secret);
  return characters.length <= PREFIX_LENGTH ? '' : characters.slice(0, PREFIX_LENGTH).join('');
}

/** Lone surrogates (which a hostile query can carry) as U+FFFD, so encoding them cannot throw. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeForLog(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}

/**
 * Parameters whose values are secrets, or lead to one, wherever they appear (query string, form,
 * Location header): OAuth's codes, verifiers and tokens, the login/consent challenges and verifiers,
 * passwords and client secrets.
 */
export const SECRET_PARAMETERS: ReadonlySet<string> = new Set([
  'code',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
  'client_assertion',
  'password',
  'login_challenge',
  'consent_challenge',
  'login_verifier',
  'consent_verifier',
  'logout_challenge',
  '_csrf',
  // Not secrets, but they bind a response to one browser: a prefix is all a reader needs.
  'state',
  'nonce',
]);

/** Parameters removed outright: nothing of them is useful in a log. */
const DROPPED_PARAMETERS: ReadonlySet<string> = new Set([
  'password',
  'client_secret',
  'client_assertion',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  '_csrf',
]);

/**
 * A parameter's value as it may be logged: a secret shortened or redacted, any other value cut and
 * escaped (log-safe.ts), ready to be written into a line as is.
 */
export function loggableValue(name: string, value: string): string {
  if (DROPPED_PARAMETERS.has(name)) {
    return '[redacted]';
  }
  return SECRET_PARAMETERS.has(name) ? shorten(value) : logSafe(value);
}

/** The same rules for a value shown inside a URL, where percent-encoding is the escape. */
function queryValueForLog(name: string, value: string): string {
  if (DROPPED_PARAMETERS.has(name)) {
    return encodeForLog('[redacted]');
  }
  if (SECRET_PARAMETERS.has(name)) {
    return encodeForLog(`${prefixOf(value)}…`);
  }
  return logSafe(value, LOGGED_VALUE_MAX_CHARS, encodeForLog);
}

/**
 * A path segment that looks like a random secret: 32 or more base64url characters, such as a
 * login challenge in `/admin/login-requests/<challenge>`. Shortened like a secret parameter.
 */
const OPAQUE_SEGMENT = /(?<=\/)[A-Za-z0-9_-]{32,}(?=\/|$)/g;

/** How many parameters of a query string a log line shows; the rest are counted. */
const LOGGED_PARAMETERS_MAX = 20;

/** The path, its secret-looking segments shortened first, then cut and escaped like any value. */
function redactPath(path: string): string {
  return logSafe(path.replace(OPAQUE_SEGMENT, (segment) => shorten(segment)));
}

/**
 * A URL or path with the secret parameters of its query string shortened or redacted, and any
 * secret-looking path segment shortened: `/callback?code=Yt3kq9ZrX…&state=…`. A value that does not
 * parse is replaced whole. Every other value is cut to LOGGED_VALUE_MAX_CHARS and percent-encoded
 * (`error=a%0Ab…(+9800 chars)`), the path cut and escaped: a URL a client chose is one bounded line.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) {
    return redactPath(url);
  }
  const fragmentStart = url.indexOf('#', queryStart);
  const query = url.slice(queryStart + 1, fragmentStart < 0 ? undefined : fragmentStart);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return `${redactPath(url.slice(0, queryStart))}?[redacted]`;
  }
  const all = [...params];
  const shown = all
    .slice(0, LOGGED_PARAMETERS_MAX)
    .map(([name, value]) => `${logSafe(name, 40, encodeForLog)}=${queryValueForLog(name, value)}`);
  const omitted =
    all.length > LOGGED_PARAMETERS_MAX
      ? `&…(+${all.length - LOGGED_PARAMETERS_MAX} parameters)`
      : '';
  return `${redactPath(url.slice(0, queryStart))}?${shown.join('&')}${omitted}`;
}

/** Form or JSON parameters as they may be logged, secrets shortened or redacted. */
export function redactParameters(
  parameters: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) {
      shown[name] = loggableValue(name, value);
    }
  }
  return shown;
}
