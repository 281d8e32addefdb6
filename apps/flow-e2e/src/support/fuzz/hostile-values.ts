import fc from 'fast-check';

/**
 * The values every other generator draws from: hostile strings (injection, traversal, control
 * characters, odd unicode, invalid percent-encoding), huge values on both sides of the body
 * limits, base64url noise, and `near`, which mixes them with values the endpoint accepts so that
 * requests get past their first checks. Probes that malformed input is answered with a 4xx
 * (RFC 6749 §5.2 `invalid_request`), never a 5xx.
 */

/** Injection strings, path traversal, control characters, odd unicode and broken encodings. */
export const HOSTILE_VALUES: readonly string[] = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '"; DROP TABLE clients; --',
  '$gt',
  '{"$gt":""}',
  '{"$ne":null}',
  '../',
  '../../../../etc/passwd',
  '..%2f..%2fadmin',
  '%2e%2e%2f',
  '/admin/login-requests/x',
  '\u0000',
  'a\u0000b',
  '\r\n',
  'x\r\nSet-Cookie: pwned=1',
  '\r\nLocation: https://evil.example/',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '%s%s%s%n',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '0',
  '-1',
  '1e309',
  '9'.repeat(400),
  ' ',
  '\t',
  '+',
  '&',
  '=',
  '#',
  '?',
  ';',
  ',',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  '%%',
  '%2',
  '🦄',
  'ǅ',
  'ﬀ',
  'İ',
  'ß',
  '\u202e',
  '\uFEFF',
  '\u200b',
  'e\u0301',
  '\uD800',
  '\uDFFF',
  'https://evil.example/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '//evil.example',
];

/** 1 000 to 70 000 characters: below and above the body limits (16 KB login-ui, 64 KB the others). */
export const hugeValue: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('A', '%', '\u0000', 'é', '🦄', "' OR '1'='1", '../', '&a=', '%zz', '+'),
    // Half of them fit in a URL (Node refuses request heads over 16 KB with a 431).
    fc.oneof(fc.integer({ min: 1_000, max: 15_000 }), fc.integer({ min: 15_000, max: 70_000 })),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Any string the fuzzer throws: mostly short and nasty, sometimes huge. */
export const fuzzString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...HOSTILE_VALUES))
      .map(([prefix, hostile]) => `${prefix}${hostile}`),
  },
  { weight: 1, arbitrary: hugeValue },
);

/**
 * A value the endpoint accepts (weighted 6), so that requests get past their first checks; a near
 * miss of one (weighted 2); or anything at all (weighted 1).
 */
export function near(
  valid: readonly string[],
  nearMisses: readonly string[] = [],
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid) },
    ...(nearMisses.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...nearMisses) }] : []),
    { weight: 1, arbitrary: fuzzString },
  );
}

export const base64url = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
    ),
    minLength,
    maxLength,
  });
