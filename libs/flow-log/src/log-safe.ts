/**
 * A value someone else chose (a query parameter, a client_id, a path, a header) made safe for one
 * log line (docs/security-cases.md, case 50). Two dangers, two rules:
 *
 * - Forged lines. A newline in `/callback?error=` would end our line and start one the attacker
 *   wrote (`[10:42:07] INFO: step 4 · …`), in the pretty format and in any grep of the message
 *   text; ESC sequences repaint a terminal; U+2028/U+2029 end a line for some readers, and bidi
 *   overrides reorder what one sees. Each such character is written as an escape, visibly and
 *   reversibly, the way JSON.stringify writes C0 (`\n`, `\r`, `\u001b`), and `\` as `\\`, so an
 *   escape typed by the attacker stays distinguishable from one we wrote.
 * - Flooding. A 10 000-character `error` fills the screen and the disk: a value is cut to
 *   LOGGED_VALUE_MAX_CHARS, and says how much was cut: `…(+9826 chars)`.
 *
 * Cutting comes first, by code points, so an escape sequence or a surrogate pair is never cut in
 * half. With LOG_FORMAT=json pino also escapes the message as a JSON string; that protects the JSON,
 * not the text a reader greps or the pretty format prints: both rely on this.
 *
 * Our own texts (the step titles, a flow id, a status) need none of it: only what arrived in a
 * request does.
 */

/** The longest part of an attacker-supplied value a log line shows, in characters (code points). */
export const LOGGED_VALUE_MAX_CHARS = 200;

/**
 * What must not reach a log line as itself: `\`, C0 controls (U+0000-U+001F), DEL and C1 controls
 * (U+007F-U+009F), the Unicode line and paragraph separators (U+2028, U+2029), the bidi marks,
 * embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), and
 * lone surrogates (half an emoji: not text).
 */
const UNSAFE_FOR_LOG =
  // eslint-disable-next-line no-control-regex
  /[\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** JSON's short escapes; every other unsafe character is written `\uXXXX`. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** `a\nb` for a value holding a newline: every unsafe character as its escape, the rest as is. */
export function escapeForLog(value: string): string {
  return value.replace(
    UNSAFE_FOR_LOG,
    (character) =>
      SHORT_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A value as one log line may show it: cut to `maxChars` characters with the count of the rest,
 * then escaped with `escape` (escapeForLog, or a URL's percent-encoding where the value is shown
 * inside a URL).
 */
export function logSafe(
  value: string,
  maxChars = LOGGED_VALUE_MAX_CHARS,
  escape: (kept: string) => string = escapeForLog,
): string {
  // A string no longer than the bound in UTF-16 units has no more code points than that either.
  if (value.length <= maxChars) {
    return escape(value);
  }
  const characters = Array.from(value);
  if (characters.length <= maxChars) {
    return escape(value);
  }
  const omitted = characters.length - maxChars;
  return `${escape(characters.slice(0, maxChars).join(''))}…(+${omitted} chars)`;
}
