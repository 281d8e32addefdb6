import type { ErrorRequestHandler } from 'express';
import { STATUS_CODES } from 'node:http';

/**
 * A request body the parsers refuse (invalid JSON, over the size limit, an unknown charset or
 * encoding) is the client's mistake: answer it with its 4xx status and a JSON message, in the same
 * shape as Nest's own errors. Nest maps only a JSON syntax error itself; the rest would become 500s.
 */
export const bodyParserErrors: ErrorRequestHandler = (error: unknown, _request, response, next) => {
  const failure = bodyParserFailure(error);
  if (failure === null) {
    next(error);
    return;
  }
  response.status(failure.status).json({
    statusCode: failure.status,
    error: STATUS_CODES[failure.status],
    message: failure.message,
  });
};

function bodyParserFailure(error: unknown): { status: number; message: string } | null {
  if (!(error instanceof Error) || !('type' in error) || !('status' in error)) {
    return null;
  }
  const { type, status } = error;
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status > 499) {
    return null;
  }
  switch (type) {
    case 'entity.parse.failed':
      return { status, message: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { status, message: 'The request body is too large' };
    default:
      return { status, message: error.message };
  }
}
