import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'node:querystring';

/** A form of a client (/token, /revoke, /introspect) is a few hundred bytes. */
export const FORM_BODY_LIMIT_BYTES = 64 * 1024;
/** The JSON bodies login-ui sends to the admin API (accept login, accept consent) are smaller. */
export const ADMIN_BODY_LIMIT_BYTES = 16 * 1024;
/** More parameters than any OAuth request has: a body with more is refused, not truncated. */
export const MAX_FORM_PARAMETERS = 1000;

/**
 * The public listener reads one kind of body: the `application/x-www-form-urlencoded` form of RFC
 * 6749 §3.2 and RFC 7009/7662 §2.1. Written here rather than with @fastify/formbody because OAuth
 * wants every unreadable form refused, where that plugin reads what it can:
 *
 * 1. over FORM_BODY_LIMIT_BYTES: Fastify stops reading it and answers 413;
 * 2. a Content-Encoding (gzip…): 415, a client's form is never compressed;
 * 3. a charset other than UTF-8: 415 (RFC 6749 Appendix B: the form is UTF-8);
 * 4. more than MAX_FORM_PARAMETERS parameters: 413;
 * 5. parsed flat with node:querystring: `a[b]=c` stays a plain key, a repeated parameter an array,
 *    malformed percent-encoding the literal characters (RequestParameters then judges them).
 *
 * The OAuth filter answers 415 as 400 invalid_request (RFC 6749 §5.2). Any other media type is
 * read within the limit and left unparsed: the endpoint refuses it with the error its RFC names
 * (checkContentType), and a GET's query is all /authorize reads.
 */
export function usePublicRequestBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  app.useBodyParser(
    'application/x-www-form-urlencoded',
    { bodyLimit: FORM_BODY_LIMIT_BYTES },
    (request, body, done) => {
      const encoding = request.headers['content-encoding'];
      if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
        done(
          new UnsupportedMediaTypeException(
            `Content-Encoding ${encoding.slice(0, 20)} is not accepted: send the form uncompressed`,
          ),
        );
        return;
      }
      const charset = charsetOf(request.headers['content-type']);
      if (charset !== undefined && !UTF_8.includes(charset)) {
        done(new UnsupportedMediaTypeException(`unsupported charset "${charset.slice(0, 20)}"`));
        return;
      }
      const text = body.toString('utf8');
      if (text.split('&').length > MAX_FORM_PARAMETERS) {
        done(new PayloadTooLargeException('The form has too many parameters'));
        return;
      }
      done(null, parse(text, undefined, undefined, { maxKeys: 0 }));
    },
  );
  fastify.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT_BYTES },
    (_request, _body, done) => done(null, undefined),
  );
}

/**
 * The admin listener reads JSON only (libs/contracts login-consent.ts), with Fastify's own parser
 * (which refuses `__proto__` keys); text/plain, which Fastify would also read, is refused with 415.
 */
export function useAdminRequestBodies(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
}

const UTF_8 = ['utf-8', 'utf8'];

function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}
