import fc from 'fast-check';
import { near } from './hostile-values';

/**
 * Header values as fetch can send them (unicode as raw bytes, no control characters), and the
 * noise headers that ride along with every request: trace context, X-Forwarded-*, Origin,
 * X-HTTP-Method-Override, random cookies. None of them may change what an endpoint decides.
 */

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
