import { adminPut, loginRequestPath } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { locationOf } from './fixtures/authorization-flow';
import { authorizeStep, expectRedirectTo, followStep } from './fixtures/authorization-steps';
import { postToken } from './fixtures/token-request';

/**
 * RFC 6749 §5.2 and §4.1.2.1: `error_description` holds only %x20-21 / %x23-5B / %x5D-7E (no `"`,
 * no `\`, nothing outside printable ASCII), wherever it quotes what a request sent. The one place
 * that renders OAuth errors (src/errors/oauth-exception.filter.ts) writes each other character as
 * `?` (errorDescriptionOf, libs/contracts).
 */
describe('error_description stays within its character set', () => {
  const ALLOWED = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  it('in a JSON error body (a parameter name quoted back)', async () => {
    const response = await postToken(sut, {
      grant_type: 'client_credentials',
      'a[é"\\]': '1',
    });

    expect(response.status).toBe(400);
    const body = response.body as { error: string; error_description: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain('a[??');
    expect(body.error_description).toMatch(ALLOWED);
  });

  it('in an authorization response (a rejection described by login-ui)', async () => {
    const started = await authorizeStep(sut, { state: 'charset' });
    const rejected = await adminPut(sut, `${loginRequestPath(started.loginChallenge)}/reject`, {
      error: 'access_denied',
      error_description: 'Thé user said "no" \\ twice\nreally',
    });

    const response = await followStep(sut, expectRedirectTo(rejected), started.bindingCookie);

    const description = locationOf(response).searchParams.get('error_description');
    expect(description).toBe('Th? user said ?no? ? twice?really');
    expect(description).toMatch(ALLOWED);
  });
});
