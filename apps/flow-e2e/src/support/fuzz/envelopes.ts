import fc from 'fast-check';

/**
 * How a request is sent apart from its values: method (GET/POST mostly, HEAD, PUT, DELETE, ...),
 * body shape, content type (matching, other, broken or none) and content encoding. Other methods
 * must be a 404/405, and a body the endpoint does not take a 4xx (RFC 6749 §3.2 requires
 * application/x-www-form-urlencoded at /token), never a 5xx.
 */

export type BodyShape = 'form' | 'json' | 'broken-json' | 'multipart' | 'empty' | 'bytes';

/** A body of some shape with some content type (matching or not) and some content encoding. */
export interface BodyChoice {
  shape: BodyShape;
  contentType: string | undefined;
  contentEncoding: 'gzip' | 'deflate' | 'br' | 'bogus-gzip' | 'x-unknown' | undefined;
  bytes: Uint8Array;
}

export const FORM_TYPE = 'application/x-www-form-urlencoded';

export const JSON_TYPE = 'application/json';

/** Mostly the endpoint's own content type, else any other, a broken one or none. */
export const contentTypes = (main: string): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>(main) },
    {
      weight: 4,
      arbitrary: fc.constantFrom<string | undefined>(
        `${FORM_TYPE}; charset=utf-8`,
        'Application/X-WWW-Form-Urlencoded',
        `${FORM_TYPE}; charset=iso-8859-1`,
        `${FORM_TYPE}; charset=utf-16le`,
        `${FORM_TYPE}; charset=utf-7`,
        `${FORM_TYPE};;;`,
        `${FORM_TYPE}, application/json`,
        'application/json',
        'application/json; charset=utf-8',
        'multipart/form-data; boundary=fuzz',
        'multipart/form-data',
        'text/plain',
        'text/html',
        'application/xml',
        'application/octet-stream',
        '*/*',
        '',
        'garbage',
        undefined,
      ),
    },
  );

const contentEncodings = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'bogus-gzip', 'x-unknown' as const),
  },
);

/**
 * How a request is sent, apart from its values: method, body shape, content type, encoding. Half
 * the time exactly what the endpoint expects, so that its checks of the values are what gets
 * fuzzed; else anything (another method, JSON or multipart for a form, no content type, gzip, ...).
 */
export interface Envelope {
  method: string;
  shape: BodyShape;
  contentType: string | undefined;
  contentEncoding: BodyChoice['contentEncoding'];
}

const ALL_SHAPES: readonly BodyShape[] = [
  'form',
  'json',
  'broken-json',
  'multipart',
  'empty',
  'bytes',
];

export function envelopes(main: {
  method: 'GET' | 'POST';
  shape: BodyShape;
  contentType: string;
}): fc.Arbitrary<Envelope> {
  const wellFormed: Envelope = {
    method: main.method,
    shape: main.shape,
    contentType: main.contentType,
    contentEncoding: undefined,
  };
  const anything = fc.record({
    method: methods(main.method),
    shape: fc.oneof(
      { weight: 4, arbitrary: fc.constant(main.shape) },
      { weight: 1, arbitrary: fc.constantFrom(...ALL_SHAPES.filter((x) => x !== main.shape)) },
    ),
    contentType: contentTypes(main.contentType),
    contentEncoding: contentEncodings,
  });
  return fc.oneof(fc.constant(wellFormed), anything);
}

/** GET mostly; the other methods too, which must be a 404/405 or the same answer, never a 5xx. */
export const methods = (main: 'GET' | 'POST'): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(main) },
    { weight: 2, arbitrary: fc.constant(main === 'GET' ? 'POST' : 'GET') },
    { weight: 1, arbitrary: fc.constantFrom('HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH') },
  );

export const methodHasBody = (method: string): boolean => method !== 'GET' && method !== 'HEAD';
