import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { serverResponseOf } from './http-request';

describe('serverResponseOf', () => {
  const response = new ServerResponse(new IncomingMessage(new Socket()));

  it('is Express’s response itself (a ServerResponse)', () => {
    expect(serverResponseOf(response)).toBe(response);
  });

  it('is the ServerResponse under Fastify’s reply (`raw`)', () => {
    expect(serverResponseOf({ raw: response })).toBe(response);
  });
});
