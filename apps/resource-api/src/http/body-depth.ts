import type { RequestHandler } from 'express';

/** A note is `{ "title": …, "body": … }`: two levels. Anything past this is not a note. */
export const MAX_BODY_DEPTH = 16;

/**
 * Refuses a JSON body nested deeper than MAX_BODY_DEPTH with a 400, before the ValidationPipe: the
 * JSON parser reads `[[[[…]]]]` of any depth (it fits in the 64 KiB limit), but class-transformer
 * walks it recursively and a few thousand levels overflow the stack, which Nest answers with a 500.
 * Measured without recursion, so measuring cannot overflow either.
 */
export const rejectDeepBodies: RequestHandler = (request, response, next) => {
  if (depthExceeds(request.body, MAX_BODY_DEPTH)) {
    response.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: `The request body is nested deeper than ${MAX_BODY_DEPTH} levels`,
    });
    return;
  }
  next();
};

/** Whether `value` has objects or arrays nested more than `limit` levels deep. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) {
      continue;
    }
    const depth = next.depth + 1;
    if (depth > limit) {
      return true;
    }
    for (const child of Object.values(next.value)) {
      pending.push({ value: child, depth });
    }
  }
  return false;
}
