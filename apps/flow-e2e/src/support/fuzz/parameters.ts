import fc from 'fast-check';
import { fuzzString } from './hostile-values';

/**
 * Parameter lists and how they are written on the wire: known parameters present or not, repeated
 * ones (RFC 6749 §3.1: "MUST NOT be included more than once"), `a[b]=c` and prototype keys, in any
 * order, each form-encoded, percent-encoded byte by byte or raw (invalid percent-encoding).
 */

/** A parameter as sent: its name, its value, and how both are written on the wire. */
export interface Parameter {
  name: string;
  value: string;
  encoding: ParameterEncoding;
}

/**
 * - form: application/x-www-form-urlencoded as browsers write it (space as `+`)
 * - percent: every byte as %XX, even letters (decoders must not care)
 * - raw: unencoded, so `%zz`, `%E0%A4%A` and a lone `%` arrive as invalid percent-encoding, and a
 *   `&` or `=` inside a value splits it into other parameters
 */
export type ParameterEncoding = 'form' | 'percent' | 'raw';

const encoding: fc.Arbitrary<ParameterEncoding> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<ParameterEncoding>('form') },
  { weight: 1, arbitrary: fc.constant<ParameterEncoding>('percent') },
  { weight: 2, arbitrary: fc.constant<ParameterEncoding>('raw') },
);

export function parameter(name: fc.Arbitrary<string>, value: fc.Arbitrary<string>) {
  return fc
    .tuple(name, value, encoding)
    .map(([n, v, e]): Parameter => ({ name: n, value: v, encoding: e }));
}

/**
 * A parameter list: each known parameter present most of the time with a near-valid or hostile
 * value; sometimes repeats of them (RFC 6749 §3.1: "MUST NOT be included more than once"); extra
 * keys in `a[b]=c` bracket syntax or prototype names (the parsers must keep them flat); any order.
 */
export function parameterList(
  usual: Record<string, fc.Arbitrary<string>>,
  occasional: Record<string, fc.Arbitrary<string>> = {},
): fc.Arbitrary<Parameter[]> {
  const known = { ...usual, ...occasional };
  const names = Object.keys(known);
  // Usual parameters are left out one time in six, occasional ones sent one time in four.
  const present = fc.tuple(
    ...Object.keys(usual).map((name) =>
      fc.option(parameter(fc.constant(name), usual[name]), { freq: 6 }),
    ),
    ...Object.keys(occasional).map((name) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: parameter(fc.constant(name), occasional[name]) },
      ),
    ),
  );
  const repeats = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Parameter[]>([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc
          .constantFrom(...names)
          .chain((name) => parameter(fc.constant(name), fc.oneof(known[name], fuzzString))),
        { minLength: 1, maxLength: 3 },
      ),
    },
  );
  const bracketKeys = names.flatMap((name) => [`${name}[]`, `${name}[$ne]`, `${name}[0]`]);
  const extraName = fc.oneof(
    fc.constantFrom(
      'a[b]',
      'a[b][c]',
      '__proto__',
      '__proto__[admin]',
      'constructor[prototype][admin]',
      '$where',
      '',
      ' ',
      '[]',
      ...bracketKeys,
    ),
    fuzzString,
  );
  const extras = fc.oneof(
    { weight: 2, arbitrary: fc.constant<Parameter[]>([]) },
    { weight: 1, arbitrary: fc.array(parameter(extraName, fuzzString), { maxLength: 3 }) },
  );
  return fc
    .tuple(present, repeats, extras)
    .map(([p, r, e]) => [...p.filter((x): x is Parameter => x !== null), ...r, ...e])
    .chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }));
}

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as in browsers). */
export function percentEncode(value: string, everyByte: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out +=
      !everyByte && /[A-Za-z0-9\-._~]/.test(char)
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function encodePart(value: string, how: ParameterEncoding, inUrl: boolean): string {
  switch (how) {
    case 'form':
      return percentEncode(value, false).replace(/%20/g, '+');
    case 'percent':
      return percentEncode(value, true);
    case 'raw':
      // Unencoded, except `#`, which would end a URL's query (the rest of it would not be sent).
      return inUrl ? value.replace(/#/g, '%23') : value;
  }
}

/** `a=1&b=2`, each parameter written with its own encoding. */
export function encodeParameters(parameters: readonly Parameter[], inUrl: boolean): string {
  return parameters
    .map(
      (p) => `${encodePart(p.name, p.encoding, inUrl)}=${encodePart(p.value, p.encoding, inUrl)}`,
    )
    .join('&');
}

/** A URL with the parameters as its query. The URL is a string: fetch sends the query as written. */
export function withQuery(base: string, parameters: readonly Parameter[]): string {
  return parameters.length === 0 ? base : `${base}?${encodeParameters(parameters, true)}`;
}

/**
 * No parameters three times in four, else only occasional ones (a token in the query, where
 * RFC 6750 §2.3 allows it but these endpoints refuse it).
 */
export function fewParameters(
  occasional: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<Parameter[]> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Parameter[]>([]) },
    { weight: 1, arbitrary: parameterList({}, occasional) },
  );
}
