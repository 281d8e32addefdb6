import type { NextFunction, Request, Response } from 'express';
import { bodyParserErrors } from './body-parser-errors';

function parserError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type, expose: status < 500 });
}

function run(error: unknown) {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const next = jest.fn<void, [unknown]>();
  bodyParserErrors(error, {} as Request, response as unknown as Response, next as NextFunction);
  return { sent, next };
}

describe(bodyParserErrors.name, () => {
  it('answers invalid JSON with 400 and a message that does not echo the body', () => {
    const { sent, next } = run(
      parserError(400, 'entity.parse.failed', 'Unexpected token } in "{x}"'),
    );
    expect(sent).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body is not valid JSON',
      },
    });
    expect(next).not.toHaveBeenCalled();
  });

  it('answers a body over the limit with 413', () => {
    const { sent } = run(parserError(413, 'entity.too.large', 'request entity too large'));
    expect(sent.status).toBe(413);
    expect(sent.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The request body is too large',
    });
  });

  it('keeps the status and message of the other client errors', () => {
    const { sent } = run(parserError(415, 'charset.unsupported', 'unsupported charset "KLINGON"'));
    expect(sent.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'unsupported charset "KLINGON"',
    });
  });

  it.each([
    ['an error of our own', new Error('boom')],
    ['a server-side parser error', parserError(500, 'stream.encoding.set', 'stream encoding set')],
    ['something that is not an Error', 'text'],
  ])('passes %s on to Nest', (_case, error) => {
    const { sent, next } = run(error);
    expect(next).toHaveBeenCalledWith(error);
    expect(sent).toEqual({});
  });
});
