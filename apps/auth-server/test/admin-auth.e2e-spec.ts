import request from 'supertest';
import { adminGet, consentRequestPath, loginRequestPath } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, authorizeUntilConsent } from './fixtures/authorization-flow';
import { authorizeStep } from './fixtures/authorization-steps';
import { expectJsonError } from './fixtures/expectations';

/**
 * The admin challenge API trusts its caller to say who logged in, so every route requires
 * `Authorization: Bearer <ADMIN_API_SECRET>`, and none is served on the public listener.
 */
describe('admin API authentication', () => {
  let sut: TestAuthServer;
  let loginChallenge: string;
  let consentChallenge: string;

  beforeAll(async () => {
    sut = await startAuthServer();
    loginChallenge = (await authorizeStep(sut)).loginChallenge;
    consentChallenge = (await authorizeUntilConsent(sut)).consentChallenge;
  });
  afterAll(() => sut.close());

  const routes: [string, (server: TestAuthServer['adminServer']) => request.Test][] = [
    ['GET login request', (s) => request(s).get(loginRequestPath(loginChallenge))],
    [
      'PUT login accept',
      (s) =>
        request(s)
          .put(`${loginRequestPath(loginChallenge)}/accept`)
          .send({ subject: ALICE }),
    ],
    ['PUT login reject', (s) => request(s).put(`${loginRequestPath(loginChallenge)}/reject`)],
    ['GET consent request', (s) => request(s).get(consentRequestPath(consentChallenge))],
    [
      'PUT consent accept',
      (s) =>
        request(s)
          .put(`${consentRequestPath(consentChallenge)}/accept`)
          .send({ grant_scope: ['openid'] }),
    ],
    ['PUT consent reject', (s) => request(s).put(`${consentRequestPath(consentChallenge)}/reject`)],
  ];

  const credentials: [string, (secret: string) => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['a wrong secret', () => 'Bearer not-the-admin-api-secret'],
    ['a prefix of the secret', (secret) => `Bearer ${secret.slice(0, -1)}`],
    ['the secret with another scheme', (secret) => `Basic ${secret}`],
    ['the secret without a scheme', (secret) => secret],
    ['an empty Bearer', () => 'Bearer '],
  ];

  describe.each(routes)('%s', (_route, call) => {
    it.each(credentials)('401 unauthorized with %s', async (_label, authorizationFor) => {
      const authorization = authorizationFor(sut.config.adminApiSecret);
      const test = call(sut.adminServer);
      const response = await (authorization ? test.set('Authorization', authorization) : test);
      expectJsonError(response, 401, 'unauthorized');
    });

    it('404 on the public listener, even with the secret', async () => {
      const response = await call(sut.publicServer).set(
        'Authorization',
        `Bearer ${sut.config.adminApiSecret}`,
      );
      expectJsonError(response, 404, 'not_found');
    });
  });

  it('the refused calls changed nothing: both challenges are still pending', async () => {
    await adminGet(sut, loginRequestPath(loginChallenge)).expect(200);
    await adminGet(sut, consentRequestPath(consentChallenge)).expect(200);
  });

  it('an unknown admin route -> 404 not_found in the contract shape', async () => {
    expectJsonError(await adminGet(sut, '/admin/clients'), 404, 'not_found');
  });

  it('answers with the security headers of every app (helmet), JSON only', async () => {
    const response = await adminGet(sut, loginRequestPath(loginChallenge));
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
