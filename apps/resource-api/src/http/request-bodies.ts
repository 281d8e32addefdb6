import formBody from '@fastify/formbody';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import secureJson from 'secure-json-parse';
import { depthExceeds, MAX_BODY_DEPTH } from './body-depth';

/** Request bodies are small notes; anything larger is refused with 413 (by Fastify, as it reads). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The bodies resource-api reads, each refused with a 4xx and a JSON message the client can act on,
 * never a 500:
 *
 * - JSON (POST /notes): UTF-8 only (another charset is 415); invalid JSON is 400 without echoing
 *   the body; a body nested deeper than MAX_BODY_DEPTH is 400, here, before the ValidationPipe
 *   (the parser reads `[[[[…]]]]` of any depth within the limit, but class-transformer walks it
 *   recursively and a few thousand levels overflow the stack);
 * - a form (`application/x-www-form-urlencoded`, @fastify/formbody): parsed only so that a token
 *   sent as a form field (RFC 6750 §2.2) can be seen and refused;
 * - over BODY_LIMIT_BYTES: Fastify stops reading and answers 413; another media type: 415.
 *
 * A parser's error goes through Fastify's error handler, which Nest routes to its exception
 * filters, so these answer in Nest's usual `{statusCode, error, message}` shape.
 */
export async function useRequestBodies(app: NestFastifyApplication): Promise<void> {
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && !UTF_8.includes(charset)) {
      done(new UnsupportedMediaTypeException(`unsupported charset "${charset.toUpperCase()}"`));
      return;
    }
    let value: unknown;
    try {
      // As Fastify's own JSON parser does, with a message that says what was wrong.
      value = secureJson.parse(body.toString('utf8'), {
        protoAction: 'error',
        constructorAction: 'error',
      });
    } catch (error: unknown) {
      done(new BadRequestException(notJsonMessage(error)));
      return;
    }
    if (depthExceeds(value, MAX_BODY_DEPTH)) {
      done(
        new BadRequestException(`The request body is nested deeper than ${MAX_BODY_DEPTH} levels`),
      );
      return;
    }
    done(null, value);
  });
  await app.register(formBody, { bodyLimit: BODY_LIMIT_BYTES });
}

const UTF_8 = ['utf-8', 'utf8'];

function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/**
 * JSON.parse's message quotes the body; a `__proto__` or `constructor.prototype` key (refused, as
 * they could pollute prototypes downstream) has a message of its own that quotes nothing.
 */
function notJsonMessage(error: unknown): string {
  return error instanceof Error && /forbidden (prototype|constructor) property/.test(error.message)
    ? `The request body is refused: ${error.message}`
    : 'The request body is not valid JSON';
}
