import { HttpException } from '@nestjs/common';

/**
 * The HTTP status an exception that is not an OAuth error stands for: a Nest HttpException's (Nest
 * turns Fastify's own errors, a body over the limit or of an unknown media type, into those), or
 * a 500 for anything else.
 */
export function httpStatusOf(exception: unknown): number {
  return exception instanceof HttpException ? exception.getStatus() : 500;
}
