import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * Random and hostile HTTP requests for fuzz.e2e-spec.ts, built with fast-check. Each request is
 * near-valid often enough to reach past the first check of its endpoint (a real client id, the
 * registered redirect URI, a real CSRF token), and hostile everywhere else: repeated parameters,
 * `a[b]=c` keys, huge values, unicode, NUL and CRLF, injection strings, near-miss redirect URIs,
 * invalid percent-encoding, wrong content types and random Authorization header shapes.
 */

/** One request as the fuzzer sends it: everything needed to send it again by hand. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: Uint8Array;
  /**
   * Every value the request carried, before encoding: a JWT the answer echoes back from these (an
   * error page quoting a parameter) is the fuzzer's own, not one the server issued.
   */
  sent: string[];
}

/** Where the four services listen: RunningServices['urls'] without the admin listener. */
export interface FuzzTargets {
  authServer: string;
  loginUi: string;
  clientWeb: string;
  resourceApi: string;
}

export interface ClientSecret {
  id: string;
  secret: string;
}

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

// ---------------------------------------------------------------------------------------------
// Hostile values

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

/**
 * Redirect URIs one small step from the registered one (RFC 9700 §4.1.3: exact string comparison):
 * trailing slash, other port, userinfo that moves the host, uppercase host, encoded slash, ...
 * None of them may ever receive a redirect (RFC 6749 §4.1.2.1).
 */
export function nearMissRedirectUris(clientWeb: string): string[] {
  const { hostname, port } = new URL(clientWeb);
  const at = `${hostname}:${port}`;
  return [
    `${clientWeb}/callback/`,
    `${clientWeb}/callback?next=https://evil.example/`,
    `${clientWeb}/callback#fragment`,
    `${clientWeb}/Callback`,
    `${clientWeb}/callback/../callback`,
    `${clientWeb}/./callback`,
    `${clientWeb}/callbackx`,
    `${clientWeb}/callback%2F`,
    `${clientWeb}%2Fcallback`,
    `${clientWeb}/%63allback`,
    `${clientWeb}/callback%00`,
    `${clientWeb}/callback\u0000`,
    `${clientWeb}/callback\r\n`,
    ` ${clientWeb}/callback`,
    `${clientWeb}/callback `,
    `${clientWeb}//callback`,
    `${clientWeb}\\callback`,
    `${clientWeb}/callback?`,
    `http://${hostname}:${Number(port) + 1}/callback`,
    `http://${hostname.toUpperCase()}:${port}/callback`,
    `HTTP://${at}/callback`,
    `https://${at}/callback`,
    `http://127.0.0.1:${port}/callback`,
    `http://[::1]:${port}/callback`,
    `http://${hostname}:0${port}/callback`,
    `http://${hostname}/callback`,
    `http://${at}@evil.example/callback`,
    `http://evil.example@${at}/callback`,
    `http://${at}.evil.example/callback`,
    `http://${at}%2F@evil.example/callback`,
    `http://${at}\\@evil.example/callback`,
    `//${at}/callback`,
    '/callback',
    'http://evil.example/callback',
    'https://evil.example/',
    'javascript:alert(document.domain)//',
    'data:text/html,<script>alert(1)</script>',
    'urn:ietf:wg:oauth:2.0:oob',
  ];
}

// ---------------------------------------------------------------------------------------------
// Parameters: lists, repeats, bracket keys, encodings

const encoding: fc.Arbitrary<ParameterEncoding> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<ParameterEncoding>('form') },
  { weight: 1, arbitrary: fc.constant<ParameterEncoding>('percent') },
  { weight: 2, arbitrary: fc.constant<ParameterEncoding>('raw') },
);

function parameter(name: fc.Arbitrary<string>, value: fc.Arbitrary<string>) {
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
function percentEncode(value: string, everyByte: boolean): string {
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

// ---------------------------------------------------------------------------------------------
// Headers

/**
 * A header value fetch can send: the UTF-8 bytes of the string as latin1 characters (so unicode
 * arrives as raw bytes), without control characters other than HTAB (NUL, CR, LF, DEL, ...), which
 * fetch (undici) refuses before anything is sent.
 */
export function headerValue(value: string): string {
  const bytes = Buffer.from(value, 'utf8').toString('latin1');
  const sendable = [...bytes].filter((char) => {
    const code = char.charCodeAt(0);
    return code === 0x09 || (code >= 0x20 && code !== 0x7f);
  });
  return sendable.join('').trim();
}

/** RFC 6749 §2.3.1: `Basic base64(urlencode(id) ":" urlencode(secret))`. */
export function basicOf(id: string, secret: string, formEncode = true): string {
  const encode = (s: string) => (formEncode ? percentEncode(s, false) : s);
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

/** Random Basic header shapes: wrong secrets, no colon, invalid base64 or form-encoding. */
export function basicShapes(clients: readonly ClientSecret[]): fc.Arbitrary<string> {
  const ids = clients.map((c) => c.id);
  return fc.oneof(
    fc
      .tuple(
        near([...ids, 'unknown-client']),
        near(['wrong-secret', ...clients.map((c) => c.secret)]),
      )
      .map(([id, secret]) => basicOf(id, secret)),
    fc.tuple(fuzzString, fuzzString).map(([id, secret]) => basicOf(id, secret, false)),
    fc.constantFrom(
      'Basic',
      'Basic ',
      'Basic !!!',
      'Basic ====',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      `Basic ${Buffer.from(':').toString('base64')}`,
      `Basic ${Buffer.from(':secret').toString('base64')}`,
      `Basic ${Buffer.from('%zz:%zz').toString('base64')}`,
      `Basic ${Buffer.from('client-web:%E0%A4%A').toString('base64')}`,
      `Basic ${Buffer.from('\u0000:\u0000').toString('base64')}`,
      `basic ${Buffer.from('client-web:x').toString('base64')}`,
      `Basic ${Buffer.from('client-web:x').toString('base64url')}`,
      `Basic  ${Buffer.from('client-web:x').toString('base64')}`,
      `Basic ${Buffer.from(`client-web:${'x'.repeat(5000)}`).toString('base64')}`,
    ),
  );
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');
}

/** What a forged or tampered JWT is built from: a held token, to reuse its kid and signature. */
export interface JwtMaterial {
  issuer: string;
  audience: string;
  heldTokens: readonly string[];
}

/**
 * JWT-shaped tokens that must all be refused: alg none/HS256, wrong typ, traversal kids, `jku`,
 * `crit`, foreign issuers and audiences, far-off expiries; with real kids and real signatures
 * (over other headers and payloads) among them.
 */
export function forgedJwts({ issuer, audience, heldTokens }: JwtMaterial): fc.Arbitrary<string> {
  const kids = heldTokens.map((token) => {
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as {
        kid?: unknown;
      };
      return typeof header.kid === 'string' ? header.kid : 'no-kid';
    } catch {
      return 'no-kid';
    }
  });
  const signatures = heldTokens.map((token) => token.split('.')[2] ?? '');
  const header = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        {
          alg: near(['none', 'None', 'HS256', 'RS256', 'ES256', 'PS256', 'RS512', '']),
          typ: near(['at+jwt', 'application/at+jwt', 'JWT', 'AT+JWT']),
          kid: near([...kids, '../../../../dev/null', "' OR '1'='1", '', 'x'.repeat(300)]),
          jku: fc.constant('https://evil.example/jwks.json'),
          x5u: fc.constant('https://evil.example/cert.pem'),
          crit: fc.constant(['b64']),
        },
        { requiredKeys: ['alg'] },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
  const now = Math.floor(Date.now() / 1000);
  const payload = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        {
          iss: near([issuer, `${issuer}/`, 'https://evil.example']),
          aud: fc.oneof(near([audience, 'https://evil.example']), fc.constant([audience, 'other'])),
          sub: near(['alice', 'bob', 'reporting-service', 'admin']),
          client_id: near(['client-web', 'reporting-service']),
          scope: near(['notes:read notes:write notes:stats openid profile', 'notes:stats', '*']),
          exp: fc.integer({ min: now - 3600, max: now + 10 ** 9 }),
          iat: fc.integer({ min: now - 3600, max: now + 3600 }),
          nbf: fc.integer({ min: now - 3600, max: now + 3600 }),
          jti: base64url(0, 40),
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
  const signature = fc.oneof(
    fc.constant(''),
    base64url(1, 400),
    ...(signatures.length > 0 ? [fc.constantFrom(...signatures)] : []),
  );
  return fc
    .tuple(header, payload, signature)
    .map(([h, p, s]) => `${base64urlJson(h)}.${base64urlJson(p)}.${s}`);
}

/** Real tokens, each changed in one place that its signature covers (or in its structure). */
export function tamperedTokens(heldTokens: readonly string[]): string[] {
  return heldTokens.flatMap((token) => {
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const widened = base64urlJson({
      ...claims,
      scope: 'notes:read notes:write notes:stats openid',
    });
    const other = base64urlJson({ ...claims, sub: 'someone-else' });
    const none = base64urlJson({ alg: 'none', typ: 'at+jwt' });
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    return [
      `${header}.${payload}.`,
      `${header}.${payload}`,
      `${header}.${payload}.${flipped}`,
      `${header}.${widened}.${signature}`,
      `${header}.${other}.${signature}`,
      `${none}.${payload}.`,
      `${none}.${payload}.${signature}`,
      `${token}.${signature}`,
      `${token}=`,
      token.slice(0, -1),
      ` ${token}`,
      token.toUpperCase(),
    ];
  });
}

/**
 * An Authorization header, or none: `accepted` bearers as they are (the tokens the endpoint takes),
 * held tokens in other schemes and spellings or tampered, forged JWTs, Basic shapes, other schemes.
 */
export function authorizationHeader(
  material: JwtMaterial,
  clients: readonly ClientSecret[],
  accepted: readonly string[] = [],
): fc.Arbitrary<string | undefined> {
  const token = fc.oneof(
    ...(material.heldTokens.length > 0
      ? [
          { weight: 3, arbitrary: fc.constantFrom(...material.heldTokens) },
          { weight: 2, arbitrary: fc.constantFrom(...tamperedTokens(material.heldTokens)) },
        ]
      : []),
    { weight: 3, arbitrary: forgedJwts(material) },
    { weight: 2, arbitrary: base64url(0, 300) },
    { weight: 2, arbitrary: fuzzString },
  );
  const scheme = fc.oneof(
    { weight: 6, arbitrary: fc.constant('Bearer') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'bearer',
        'BEARER',
        'Bearer:',
        'Bearerx',
        'Bearer Bearer',
        'DPoP',
        'Token',
        'MAC',
        'Digest',
        'Negotiate',
        '',
      ),
    },
  );
  const separator = fc.oneof(
    { weight: 6, arbitrary: fc.constant(' ') },
    { weight: 1, arbitrary: fc.constantFrom('', '  ', '\t', ',', '=', ' \t ') },
  );
  const suffix = fc.oneof(
    { weight: 6, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom(' ', ' extra', ', Bearer x', '=', '==', '.', '\t') },
  );
  const bearerLike = fc
    .tuple(scheme, separator, token, suffix)
    .map(([s, sep, t, suf]) => `${s}${sep}${t}${suf}`);
  // A token the endpoint accepts, as a client sends it: the request gets past the token checks
  // to the route, where the rest of it (body, query) is what gets fuzzed.
  const held =
    accepted.length > 0
      ? [{ weight: 6, arbitrary: fc.constantFrom(...accepted).map((t) => `Bearer ${t}`) }]
      : [];
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      ...held,
      { weight: 5, arbitrary: bearerLike },
      { weight: 2, arbitrary: basicShapes(clients) },
      { weight: 1, arbitrary: fuzzString },
    )
    .map((value) => (value === undefined ? undefined : headerValue(value)));
}

/** Headers that ride along: trace context, forwarding, origins, random cookies. */
const noiseHeader: fc.Arbitrary<[string, string]> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('traceparent', 'tracestate'),
      near([
        '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        '00-00000000000000000000000000000000-0000000000000000-00',
        'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        '00-zz-zz-zz',
        '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra',
      ]),
    )
    .map(([name, value]): [string, string] => [name, headerValue(value)]),
  fc
    .tuple(
      fc.constantFrom(
        'x-forwarded-for',
        'x-forwarded-host',
        'x-forwarded-proto',
        'forwarded',
        'origin',
        'referer',
        'accept',
        'accept-language',
        'x-http-method-override',
        'cookie',
      ),
      near([
        'evil.example',
        '127.0.0.1, 10.0.0.1',
        'https',
        'null',
        '*/*',
        'DELETE',
        'for=1.2.3.4',
      ]),
    )
    .map(([name, value]): [string, string] => [name, headerValue(value)]),
);

export const noiseHeaders: fc.Arbitrary<[string, string][]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
  { weight: 1, arbitrary: fc.array(noiseHeader, { minLength: 1, maxLength: 3 }) },
);

// ---------------------------------------------------------------------------------------------
// Bodies

export type BodyShape = 'form' | 'json' | 'broken-json' | 'multipart' | 'empty' | 'bytes';

/** A body of some shape with some content type (matching or not) and some content encoding. */
export interface BodyChoice {
  shape: BodyShape;
  contentType: string | undefined;
  contentEncoding: 'gzip' | 'deflate' | 'br' | 'bogus-gzip' | 'x-unknown' | undefined;
  bytes: Uint8Array;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

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

function multipartOf(parameters: readonly Parameter[]): string {
  const parts = parameters.map(
    (p) => `--fuzz\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`,
  );
  return `${parts.join('')}--fuzz--\r\n`;
}

/** Deeply nested JSON: parsers and validators must not overflow their stack into a 500. */
const deepJson = fc
  .integer({ min: 100, max: 20_000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

function bodyText(
  shape: BodyShape,
  parameters: readonly Parameter[],
  json: string,
  bytes: Uint8Array,
): string {
  switch (shape) {
    case 'form':
      return encodeParameters(parameters, false);
    case 'json':
      return json;
    case 'broken-json':
      return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
    case 'multipart':
      return multipartOf(parameters);
    case 'empty':
      return '';
    case 'bytes':
      return Buffer.from(bytes).toString('latin1');
  }
}

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

/**
 * The body for a parameter list, as the envelope says: a form, the same parameters as JSON (or
 * `json` instead, for resource-api's notes), broken JSON, multipart, nothing or random bytes.
 */
export function bodyFor(
  parameters: fc.Arbitrary<Parameter[]>,
  envelope: Envelope,
  json: fc.Arbitrary<string> = fc.constant(''),
): fc.Arbitrary<{ body: BodyChoice; parameters: Parameter[] }> {
  const { shape, contentType, contentEncoding } = envelope;
  return fc
    .tuple(parameters, json, fc.uint8Array({ maxLength: 300 }))
    .map(([params, jsonOverride, bytes]) => {
      const asJson =
        jsonOverride !== ''
          ? jsonOverride
          : JSON.stringify(Object.fromEntries(params.map((p) => [p.name, p.value])));
      const text = bodyText(shape, params, asJson, bytes);
      const raw = Buffer.from(text, shape === 'bytes' ? 'latin1' : 'utf8');
      return {
        body: { shape, contentType, contentEncoding, bytes: encodeBody(raw, contentEncoding) },
        parameters: params,
      };
    });
}

function encodeBody(raw: Buffer, how: BodyChoice['contentEncoding']): Uint8Array {
  switch (how) {
    case 'gzip':
      return gzipSync(raw);
    case 'deflate':
      return deflateSync(raw);
    case 'br':
      return brotliCompressSync(raw);
    case 'bogus-gzip':
    case 'x-unknown':
    case undefined:
      return raw;
  }
}

function bodyHeaders(body: BodyChoice): [string, string][] {
  const headers: [string, string][] = [];
  if (body.contentType !== undefined) {
    headers.push(['content-type', body.contentType]);
  }
  if (body.contentEncoding !== undefined) {
    headers.push([
      'content-encoding',
      body.contentEncoding === 'bogus-gzip' ? 'gzip' : body.contentEncoding,
    ]);
  }
  return headers;
}

function abbreviate(value: string, max: number): string {
  const shown = JSON.stringify(value.slice(0, max));
  return value.length > max ? `${shown}… (${value.length} characters)` : shown;
}

/** The request as a reader wants it in a failure report: long values cut, the body as text. */
export function describeRequest(request: FuzzRequest): string {
  const lines = [`  ${request.method} ${abbreviate(request.url, 800)}`];
  for (const [name, value] of request.headers) {
    lines.push(`  ${name}: ${abbreviate(value, 300)}`);
  }
  if (request.body !== undefined) {
    const body = Buffer.from(request.body).toString('latin1');
    lines.push(`  body (${request.body.length} bytes, latin1): ${abbreviate(body, 800)}`);
  }
  return lines.join('\n');
}

/** Assembles a request; `sent` collects every value it carries, for the token-leak check. */
export function buildRequest(parts: {
  method: string;
  url: string;
  query?: readonly Parameter[];
  headers?: readonly [string, string][];
  authorization?: string;
  body?: { body: BodyChoice; parameters: readonly Parameter[] };
}): FuzzRequest {
  const headers: [string, string][] = [...(parts.headers ?? [])];
  if (parts.authorization !== undefined) {
    headers.push(['authorization', parts.authorization]);
  }
  if (parts.body) {
    headers.push(...bodyHeaders(parts.body.body));
  }
  const parameters = [...(parts.query ?? []), ...(parts.body?.parameters ?? [])];
  const request: FuzzRequest = {
    method: parts.method,
    url: withQuery(parts.url, parts.query ?? []),
    headers,
    body: parts.body?.body.bytes,
    sent: [
      ...parameters.flatMap((p) => [p.name, p.value]),
      ...headers.map(([, value]) => value),
      ...(parts.body ? [Buffer.from(parts.body.body.bytes).toString('utf8')] : []),
    ],
  };
  // fast-check prints a counterexample with this (its seed and path replay it exactly).
  return Object.assign(request, { [fc.toStringMethod]: () => `\n${describeRequest(request)}` });
}

/** GET mostly; the other methods too, which must be a 404/405 or the same answer, never a 5xx. */
export const methods = (main: 'GET' | 'POST'): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(main) },
    { weight: 2, arbitrary: fc.constant(main === 'GET' ? 'POST' : 'GET') },
    { weight: 1, arbitrary: fc.constantFrom('HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH') },
  );

export const methodHasBody = (method: string): boolean => method !== 'GET' && method !== 'HEAD';

export const JSON_TYPE = 'application/json';

// ---------------------------------------------------------------------------------------------
// Requests per endpoint

/** A valid PKCE code_challenge (RFC 7636 appendix B), for requests that should pass that check. */
const PKCE_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const PKCE_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

/** The client's registered redirect URI (a near-miss list follows it everywhere it is sent). */
function redirectUris(t: FuzzTargets): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(`${t.clientWeb}/callback`) },
    { weight: 4, arbitrary: fc.constantFrom(...nearMissRedirectUris(t.clientWeb)) },
    { weight: 1, arbitrary: fuzzString },
  );
}

/**
 * GET /authorize (RFC 6749 §4.1.1) and its two continuations, mostly near-valid: client-web, the
 * registered redirect URI or a near miss, scopes, PKCE S256, prompt; POST and other methods too.
 * Once client and redirect URI pass, every other failure is an error redirect carrying the state.
 */
export function authorizeRequests(t: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const parameters = parameterList(
    {
      response_type: near(['code'], ['token', 'id_token', 'code id_token', 'none', 'CODE']),
      client_id: near(['client-web'], ['reporting-service', 'CLIENT-WEB', 'client-web ', 'x']),
      redirect_uri: redirectUris(t),
      scope: near(
        ['openid profile offline_access notes:read notes:write', 'notes:read', 'openid'],
        ['notes:stats', 'admin', 'openid openid', 'notes:read\tnotes:write', ''],
      ),
      state: fuzzString,
      code_challenge: near([PKCE_CHALLENGE], ['short', 'x'.repeat(129), `${PKCE_CHALLENGE}!`]),
      code_challenge_method: near(['S256'], ['plain', 's256', 'none']),
    },
    {
      nonce: fuzzString,
      prompt: near(['login', 'consent'], ['none', 'select_account', 'none login', 'create']),
      response_mode: near(['query'], ['fragment', 'form_post']),
      request_uri: near(['https://evil.example/request.jwt']),
      login_verifier: fc.oneof(base64url(20, 60), fuzzString),
      consent_verifier: fc.oneof(base64url(20, 60), fuzzString),
    },
  );
  const path = fc.oneof(
    { weight: 8, arbitrary: fc.constant('/authorize') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/authorize/after-login',
        '/authorize/after-consent',
        '/authorize/',
        '/Authorize',
        '/authorize/..%2ftoken',
        '/authorize%00',
      ),
    },
  );
  const binding = fc
    .tuple(base64url(0, 40), fuzzString)
    .map(([id, value]) => headerValue(`auth_server.binding.${id}=${value}`));
  return fc
    .tuple(
      envelopes({ method: 'GET', shape: 'form', contentType: FORM_TYPE }),
      path,
      parameters,
      noiseHeaders,
      fc.option(binding, { freq: 3 }),
    )
    .chain(([envelope, p, params, noise, cookie]) => {
      const method = envelope.method;
      const headers: [string, string][] = [
        ...noise,
        ...(cookie ? [['cookie', cookie] as [string, string]] : []),
      ];
      if (!methodHasBody(method)) {
        return fc.constant(
          buildRequest({ method, url: `${t.authServer}${p}`, query: params, headers }),
        );
      }
      return bodyFor(fc.constant(params), envelope).map((body) =>
        buildRequest({ method, url: `${t.authServer}${p}`, headers, body }),
      );
    });
}

/** How a back-channel request authenticates its client (RFC 6749 §2.3.1), or fails to. */
export type Credentials =
  | { method: 'none' }
  | { method: 'basic' | 'post'; id: string; secret: string }
  /** Basic, plus a client_id or client_secret in the body (equal or not): invalid_request. */
  | { method: 'basic+body'; id: string; secret: string; body: Parameter }
  | { method: 'header'; authorization: string };

/** Real credentials only, by each method: no failed authentication is counted against the IP. */
export function realCredentials(clients: readonly ClientSecret[]): fc.Arbitrary<Credentials> {
  const client = fc.constantFrom(...clients);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(client, fc.constantFrom('basic' as const, 'post' as const))
        .map(([c, method]): Credentials => ({ method, id: c.id, secret: c.secret })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          client,
          parameter(fc.constantFrom('client_id', 'client_secret'), near(clients.map((c) => c.id))),
        )
        .map(
          ([c, body]): Credentials => ({ method: 'basic+body', id: c.id, secret: c.secret, body }),
        ),
    },
  );
}

/** Anything: no credentials, wrong secrets, unknown clients, random headers, and real ones. */
export function randomCredentials(
  clients: readonly ClientSecret[],
  material: JwtMaterial,
): fc.Arbitrary<Credentials> {
  const ids = near(
    clients.map((c) => c.id),
    ['unknown-client', 'CLIENT-WEB'],
  );
  const secrets = near(
    ['wrong-secret'],
    clients.map((c) => c.secret),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Credentials>({ method: 'none' }) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom('basic' as const, 'post' as const), ids, secrets)
        .map(([method, id, secret]): Credentials => ({ method, id, secret })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(ids, secrets, parameter(fc.constantFrom('client_id', 'client_secret'), fuzzString))
        .map(([id, secret, body]): Credentials => ({ method: 'basic+body', id, secret, body })),
    },
    {
      weight: 2,
      arbitrary: authorizationHeader(material, clients).map(
        (authorization): Credentials =>
          authorization === undefined ? { method: 'none' } : { method: 'header', authorization },
      ),
    },
    { weight: 1, arbitrary: realCredentials(clients) },
  );
}

function credentialParts(credentials: Credentials): {
  authorization?: string;
  parameters: Parameter[];
} {
  switch (credentials.method) {
    case 'none':
      return { parameters: [] };
    case 'basic':
      return {
        authorization: headerValue(basicOf(credentials.id, credentials.secret)),
        parameters: [],
      };
    case 'post':
      return {
        parameters: [
          { name: 'client_id', value: credentials.id, encoding: 'form' },
          { name: 'client_secret', value: credentials.secret, encoding: 'form' },
        ],
      };
    case 'basic+body':
      return {
        authorization: headerValue(basicOf(credentials.id, credentials.secret)),
        parameters: [credentials.body],
      };
    case 'header':
      return { authorization: credentials.authorization, parameters: [] };
  }
}

/** Scopes reporting-service may not have: with them, its client_credentials grant is invalid_scope. */
const SCOPES_NOT_ALLOWED = [
  'notes:read',
  'notes:write',
  'openid',
  'notes:stats notes:read',
  'admin',
  'NOTES:STATS',
  '*',
];

/**
 * Whether the request carries a secret that, with grant_type=client_credentials, legitimately
 * earns a token (reporting-service's, RFC 6749 §4.4): anywhere in a value or a Basic header.
 */
function revealsSecret(
  secret: string,
  authorization: string | undefined,
  parameters: readonly Parameter[],
): boolean {
  const basic = /^basic\s+(\S+)/i.exec(authorization ?? '');
  const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
  return (
    decoded.includes(secret) ||
    parameters.some((p) => p.value.includes(secret) || p.name.includes(secret))
  );
}

/**
 * POST /token (RFC 6749 §3.2, §4.1.3, §4.4, §6) with garbage grants. The fuzzer holds no code and
 * no refresh token, so no request can earn a token, with one exception it rules out: when the
 * request carries the secret of `tokenClient` (reporting-service, registered for
 * client_credentials), every scope parameter is replaced by one that client may not have.
 */
export function tokenRequests(
  t: FuzzTargets,
  credentials: fc.Arbitrary<Credentials>,
  tokenClient: ClientSecret,
): fc.Arbitrary<FuzzRequest> {
  const grant = parameterList(
    {
      grant_type: near(
        ['authorization_code', 'refresh_token', 'client_credentials'],
        [
          'password',
          'implicit',
          'urn:ietf:params:oauth:grant-type:jwt-bearer',
          'urn:ietf:params:oauth:grant-type:device_code',
          'urn:ietf:params:oauth:grant-type:token-exchange',
          'AUTHORIZATION_CODE',
        ],
      ),
      code: fc.oneof(base64url(43, 43), fuzzString),
      redirect_uri: redirectUris(t),
      code_verifier: near([PKCE_VERIFIER], ['short', `${PKCE_VERIFIER}=`]),
      refresh_token: fc.oneof(base64url(43, 43), fuzzString),
      scope: near(
        ['notes:stats', 'notes:read', 'openid profile offline_access notes:read notes:write'],
        ['admin', ''],
      ),
    },
    {
      client_assertion_type: near(['urn:ietf:params:oauth:client-assertion-type:jwt-bearer']),
      client_assertion: fuzzString,
      username: near(['alice']),
      password: near(['wonderland']),
    },
  );
  return backChannel(t, '/token', grant, credentials, (authorization, parameters) =>
    revealsSecret(tokenClient.secret, authorization, parameters)
      ? fc
          .constantFrom(...SCOPES_NOT_ALLOWED)
          .map((scope): Parameter[] => [
            ...parameters.filter((p) => p.name !== 'scope'),
            { name: 'scope', value: scope, encoding: 'form' },
          ])
      : fc.constant(parameters),
  );
}

/** POST /introspect (RFC 7662 §2.1) and POST /revoke (RFC 7009 §2.1) with random tokens and hints. */
export function tokenManagementRequests(
  t: FuzzTargets,
  credentials: fc.Arbitrary<Credentials>,
  material: JwtMaterial,
): fc.Arbitrary<FuzzRequest> {
  const parameters = parameterList({
    token: fc.oneof(base64url(43, 43), forgedJwts({ ...material, heldTokens: [] }), fuzzString),
    token_type_hint: near(['access_token', 'refresh_token'], ['id_token', '', 'ACCESS_TOKEN']),
  });
  return fc
    .constantFrom('/introspect', '/revoke')
    .chain((path) => backChannel(t, path, parameters, credentials, (_a, p) => fc.constant(p)));
}

function backChannel(
  t: FuzzTargets,
  path: string,
  parameters: fc.Arbitrary<Parameter[]>,
  credentials: fc.Arbitrary<Credentials>,
  fixUp: (authorization: string | undefined, parameters: Parameter[]) => fc.Arbitrary<Parameter[]>,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      envelopes({ method: 'POST', shape: 'form', contentType: FORM_TYPE }),
      parameters,
      credentials,
      noiseHeaders,
    )
    .chain(([envelope, params, creds, noise]) => {
      const method = envelope.method;
      const parts = credentialParts(creds);
      return fixUp(parts.authorization, [...params, ...parts.parameters]).chain((all) => {
        const url = `${t.authServer}${path}`;
        const authorization = parts.authorization;
        if (!methodHasBody(method)) {
          return fc.constant(
            buildRequest({ method, url, query: all, headers: noise, authorization }),
          );
        }
        return bodyFor(fc.constant(all), envelope).map((body) =>
          buildRequest({ method, url, headers: noise, authorization, body }),
        );
      });
    });
}

/**
 * GET and POST /userinfo (OIDC Core §5.3) with random Authorization headers (held tokens, tampered
 * and forged ones), and tokens in the query or the body (RFC 6750 §2.2/2.3, refused here).
 */
export function userinfoRequests(
  t: FuzzTargets,
  material: JwtMaterial,
  clients: readonly ClientSecret[],
  accepted: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const parameters = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Parameter[]>([]) },
    {
      weight: 1,
      arbitrary: parameterList(
        {},
        {
          access_token: fc.oneof(fc.constantFrom(...material.heldTokens), fuzzString),
          scope: near(['openid']),
        },
      ),
    },
  );
  return fc
    .tuple(
      envelopes({ method: 'GET', shape: 'form', contentType: FORM_TYPE }),
      parameters,
      authorizationHeader(material, clients, accepted),
      noiseHeaders,
    )
    .chain(([envelope, params, authorization, headers]) => {
      const method = envelope.method;
      const url = `${t.authServer}/userinfo`;
      if (!methodHasBody(method)) {
        return fc.constant(buildRequest({ method, url, query: params, headers, authorization }));
      }
      return bodyFor(fc.constant(params), envelope).map((body) =>
        buildRequest({ method, url, headers, authorization, body }),
      );
    });
}

/**
 * What a real browser holds at login-ui after opening pending login and consent pages: its cookies
 * (CSRF cookie and browser id) and the `_csrf` of its forms; and another browser's, whose token is
 * worthless with the first one's cookies.
 */
export interface LoginUiFixture {
  cookies: string;
  csrf: string;
  otherCookies: string;
  otherCsrf: string;
  loginChallenges: string[];
  consentChallenges: string[];
}

function cookieHeader(fixture: LoginUiFixture): fc.Arbitrary<string | undefined> {
  const garbage = fc
    .array(
      fc.tuple(
        near(['login_ui.csrf', 'login_ui.browser_id', 'login_ui.session', 'auth_server.binding.x']),
        fuzzString,
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((pairs) => headerValue(pairs.map(([name, value]) => `${name}=${value}`).join('; ')));
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>(fixture.cookies) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(fixture.otherCookies) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
    { weight: 1, arbitrary: garbage },
    { weight: 1, arbitrary: garbage.map((g) => `${fixture.cookies}; ${g}`) },
  );
}

/** GET /login?login_challenge=… and GET /consent?consent_challenge=…, real challenges or not. */
export function loginUiPageRequests(
  t: FuzzTargets,
  fixture: LoginUiFixture,
): fc.Arbitrary<FuzzRequest> {
  const challenge = fc.oneof(
    near([...fixture.loginChallenges, ...fixture.consentChallenges], ['', 'x'.repeat(513)]),
    base64url(0, 600),
  );
  return fc
    .tuple(
      methods('GET'),
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('/login', '/consent') },
        { weight: 1, arbitrary: fc.constantFrom('/login/', '/CONSENT', '/login/..%2fconsent') },
      ),
      parameterList({ login_challenge: challenge }, { consent_challenge: challenge }),
      cookieHeader(fixture),
      noiseHeaders,
    )
    .map(([method, path, query, cookie, noise]) =>
      buildRequest({
        method,
        url: `${t.loginUi}${path}`,
        // The parameter the page reads, whichever page it is.
        query: path.toLowerCase().startsWith('/consent')
          ? query.map((p) =>
              p.name === 'login_challenge' ? { ...p, name: 'consent_challenge' } : p,
            )
          : query,
        headers: [
          ...noise,
          ...(cookie === undefined ? [] : [['cookie', cookie] as [string, string]]),
        ],
      }),
    );
}

/**
 * POST /login and POST /consent: random bodies with real, foreign, broken or missing CSRF tokens
 * and challenges; often all valid but the credentials or the decision, sometimes entirely valid
 * (a sign-in or a consent that goes through, whose redirect must still be to auth-server).
 */
export function loginUiFormRequests(
  t: FuzzTargets,
  fixture: LoginUiFixture,
): fc.Arbitrary<FuzzRequest> {
  const csrf = near(
    [fixture.csrf],
    [
      fixture.otherCsrf,
      `${fixture.csrf}x`,
      fixture.csrf.slice(0, -1),
      fixture.csrf.toUpperCase(),
      '',
    ],
  );
  const login = parameterList(
    {
      _csrf: csrf,
      login_challenge: near(fixture.loginChallenges, [...fixture.consentChallenges, '']),
      username: near(['alice', 'bob'], ['ALICE', ' alice', 'mallory', '']),
      password: near(['wonderland', 'builder'], ['Wonderland', '']),
    },
    { keep_signed_in: near(['yes'], ['no', 'on']) },
  );
  const consent = parameterList(
    {
      _csrf: csrf,
      consent_challenge: near(fixture.consentChallenges, [...fixture.loginChallenges, '']),
      decision: near(['allow', 'deny'], ['ALLOW', '']),
    },
    {
      remember: near(['yes'], ['no']),
      grant_scope: near(['notes:stats', 'openid profile offline_access notes:read notes:write']),
    },
  );
  return fc
    .tuple(
      envelopes({ method: 'POST', shape: 'form', contentType: FORM_TYPE }),
      fc.constantFrom('/login', '/consent'),
      cookieHeader(fixture),
      noiseHeaders,
    )
    .chain(([envelope, path, cookie, noise]) => {
      const method = envelope.method;
      const headers: [string, string][] = [
        ...noise,
        ...(cookie === undefined ? [] : [['cookie', cookie] as [string, string]]),
      ];
      const url = `${t.loginUi}${path}`;
      const parameters = path === '/login' ? login : consent;
      if (!methodHasBody(method)) {
        return parameters.map((query) => buildRequest({ method, url, query, headers }));
      }
      return bodyFor(parameters, envelope).map((body) =>
        buildRequest({ method, url, headers, body }),
      );
    });
}

/** resource-api's reads: GET /notes and GET /notes/stats, every kind of Authorization header. */
export function notesReadRequests(
  t: FuzzTargets,
  material: JwtMaterial,
  clients: readonly ClientSecret[],
  accepted: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const query = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Parameter[]>([]) },
    {
      weight: 1,
      arbitrary: parameterList(
        {},
        {
          access_token: fc.oneof(fc.constantFrom(...material.heldTokens), fuzzString),
          limit: near(['10'], ['-1', '1e9']),
          sub: near(['alice', 'bob']),
        },
      ),
    },
  );
  return fc
    .tuple(
      methods('GET'),
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('/notes', '/notes/stats') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '/notes/',
            '/NOTES',
            '/notes/stats/',
            '/notes/%2e%2e/notes',
            '/notes/..%2fhealth',
          ),
        },
      ),
      query,
      authorizationHeader(material, clients, accepted),
      noiseHeaders,
    )
    .map(([method, path, q, authorization, headers]) =>
      buildRequest({ method, url: `${t.resourceApi}${path}`, query: q, headers, authorization }),
    );
}

/** Note-shaped JSON with hostile values and types, other JSON, prototype keys, deep nesting. */
const noteJson: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          title: near(['A note'], ['', ' ']),
          body: near(['Some text'], ['']),
          id: near(['1', '../1']),
          sub: near(['bob']),
        },
        { requiredKeys: [] },
      )
      .map((note) => JSON.stringify(note)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ title: fc.jsonValue(), body: fc.jsonValue() })
      .map((note) => JSON.stringify(note)),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: deepJson },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"admin":true},"title":"t","body":"b"}',
      '{"constructor":{"prototype":{"admin":true}},"title":"t","body":"b"}',
      '{"title":"t","body":"b","title":"again"}',
      '{"title":{"$gt":""},"body":"b"}',
      '{"title":"\\u0000","body":"\\ud800"}',
      'null',
      '"a string"',
      '1',
      '[]',
      '{',
      '',
    ),
  },
);

/** POST /notes: JSON and non-JSON bodies, every content type, every kind of Authorization header. */
export function notesWriteRequests(
  t: FuzzTargets,
  material: JwtMaterial,
  clients: readonly ClientSecret[],
  accepted: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const parameters = parameterList(
    { title: near(['A note']), body: near(['Some text']) },
    { access_token: fuzzString },
  );
  return fc
    .tuple(
      envelopes({ method: 'POST', shape: 'json', contentType: JSON_TYPE }),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant('/notes') },
        { weight: 1, arbitrary: fc.constantFrom('/notes/', '/notes/stats', '/notes/1') },
      ),
      authorizationHeader(material, clients, accepted),
      noiseHeaders,
    )
    .chain(([envelope, path, authorization, headers]) => {
      const { method } = envelope;
      const url = `${t.resourceApi}${path}`;
      if (!methodHasBody(method)) {
        return fc.constant(buildRequest({ method, url, headers, authorization }));
      }
      return bodyFor(parameters, envelope, noteJson).map((body) =>
        buildRequest({ method, url, headers, authorization, body }),
      );
    });
}
