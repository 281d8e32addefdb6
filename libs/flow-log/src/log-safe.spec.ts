import { escapeForLog, LOGGED_VALUE_MAX_CHARS, logSafe } from './log-safe';
import { redactUrl, shorten } from './redact';

/** Any character a log line must not carry as itself (log-safe.ts). */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe(logSafe.name, () => {
  it('case 50: a newline or carriage return cannot start a forged line: both are escaped', () => {
    const forged = 'access_denied\n[10:42:07] INFO: step 4 · forged\r\nmore';
    expect(logSafe(forged)).toBe('access_denied\\n[10:42:07] INFO: step 4 · forged\\r\\nmore');
    expect(logSafe(forged)).not.toMatch(RAW_CONTROL);
  });

  it('case 50: ESC sequences, BEL, NUL, DEL and C1 controls are written as \\uXXXX', () => {
    expect(logSafe('\u001b[2J\u001b]0;title\u0007x\u0000\u007f\u0085\u009b31m')).toBe(
      '\\u001b[2J\\u001b]0;title\\u0007x\\u0000\\u007f\\u0085\\u009b31m',
    );
  });

  it('case 50: the Unicode line and paragraph separators and bidi overrides are escaped', () => {
    expect(logSafe('a\u2028b\u2029c\u202eevil\u2066d\u200f')).toBe(
      'a\\u2028b\\u2029c\\u202eevil\\u2066d\\u200f',
    );
  });

  it('case 50: a backslash is doubled, so an escape the attacker typed is told from ours', () => {
    expect(logSafe('typed \\n, sent \n')).toBe('typed \\\\n, sent \\n');
  });

  it('case 50: a value over the bound is cut, saying how much was left out', () => {
    const value = `${'a'.repeat(LOGGED_VALUE_MAX_CHARS)}${'b'.repeat(9_800)}`;
    expect(logSafe(value)).toBe(`${'a'.repeat(LOGGED_VALUE_MAX_CHARS)}…(+9800 chars)`);
    expect(logSafe('a'.repeat(LOGGED_VALUE_MAX_CHARS))).toBe('a'.repeat(LOGGED_VALUE_MAX_CHARS));
    expect(logSafe('abcdef', 3)).toBe('abc…(+3 chars)');
  });

  it('case 50: cuts before escaping, by code points: no escape or emoji is cut in half', () => {
    // The cut falls on the newline: it is kept whole (`\n`), never a lone `\`.
    expect(logSafe('ab\ncd', 3)).toBe('ab\\n…(+2 chars)');
    // An emoji is one character: never half a surrogate pair, which no one can read.
    expect(logSafe('ab\u{1F984}cd', 3)).toBe('ab\u{1F984}…(+2 chars)');
    // A lone surrogate the client sent is written as its escape, like JSON.stringify does.
    expect(logSafe('a\uD800b')).toBe('a\\ud800b');
  });

  it('leaves ordinary text alone, accents and emoji included', () => {
    expect(logSafe('client-web José 🦄 notes:read')).toBe('client-web José 🦄 notes:read');
  });

  it('takes another escape for a value shown inside a URL (percent-encoding)', () => {
    expect(logSafe('a\nb', 200, encodeURIComponent)).toBe('a%0Ab');
  });
});

describe(escapeForLog.name, () => {
  it('escapes as JSON.stringify does for the characters both escape', () => {
    const value = 'q"\\\n\r\t\b\f\u0001';
    expect(escapeForLog(value)).toBe(JSON.stringify(value).slice(1, -1).replace('\\"', '"'));
  });
});

describe('case 50 in the secret and URL helpers', () => {
  it('case 50: the prefix shorten() shows of a hostile secret is escaped too', () => {
    expect(shorten('ab\ncdefghijkl')).toBe('ab\\ncdefg…');
  });

  it('case 50: a URL is one bounded line: values cut and percent-encoded, the path escaped', () => {
    const error = `x\n[10:42:07] INFO: forged${'y'.repeat(10_000)}`;
    const url = `/callback?error=${encodeURIComponent(error)}&iss=http%3A%2F%2Flocalhost%3A3000`;
    const sut = redactUrl(url);
    expect(sut).toBe(
      `/callback?error=x%0A%5B10%3A42%3A07%5D%20INFO%3A%20forged${'y'.repeat(175)}…(+9825 chars)` +
        '&iss=http%3A%2F%2Flocalhost%3A3000',
    );
    expect(redactUrl('/a\u0085b\u001b[2J?x=1')).toBe('/a\\u0085b\\u001b[2J?x=1');
    const longPath = `/${'p/'.repeat(150)}`;
    expect(redactUrl(longPath)).toBe(`${longPath.slice(0, 200)}…(+101 chars)`);
  });

  it('case 50: a query of many parameters shows the first 20 and counts the rest', () => {
    const query = Array.from({ length: 25 }, (_, i) => `p${i}=${i}`).join('&');
    const sut = redactUrl(`/authorize?${query}`);
    expect(sut).toMatch(/&p19=19&…\(\+5 parameters\)$/);
    expect(sut).not.toContain('p20=');
  });
});
