import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { HttpRequest } from '../http/http-request';
import { InvalidToken } from '../errors/resource-access.errors';
import type { AccessTokenAccepted, AccessTokenRefused } from '../step-six.events';
import { refusedHops, servedHops } from './step-six-log';

const request = {
  method: 'GET',
  originalUrl: '/notes',
  headers: { authorization: 'Bearer x.y.z' },
} as unknown as HttpRequest;
const checked = { request, mode: 'jwt', requiredScopes: ['notes:read'] } as const;

describe('the step log lines', () => {
  it('name the caller the app chose, and add the client_id of a token of another client', () => {
    const accepted: AccessTokenAccepted = {
      ...checked,
      verdict: 'accepted',
      response: new ServerResponse(new IncomingMessage(new Socket())),
      facts: { kid: 'key-1', jti: 'jti-1', clientId: 'reporting-job' },
    };

    const [five, six] = servedHops('login-ui', request, accepted, 200);

    expect(five).toMatchObject({
      step: 5,
      from: 'login-ui',
      to: 'resource-api',
      request: 'GET /notes (Bearer jti=jti-1, client_id=reporting-job)',
      outcome: '200',
    });
    expect(six).toMatchObject({ step: 6, from: 'resource-api', to: 'login-ui', ok: true });
  });

  it('leave out the client_id when the token is the caller’s own', () => {
    const refused: AccessTokenRefused = {
      ...checked,
      verdict: 'refused',
      facts: { jti: 'jti-1', clientId: 'client-web' },
      check: 'exp',
      detail: 'expired',
      answer: new InvalidToken('expired'),
    };

    const [five, six] = refusedHops('client-web', request, refused);

    expect(five.request).toBe('GET /notes (Bearer jti=jti-1)');
    expect(six).toMatchObject({
      to: 'client-web',
      request: 'token checks: format, alg, typ, kid, signature, nbf passed; exp failed',
      outcome: '401 invalid_token: expired',
    });
  });
});
