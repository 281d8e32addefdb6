import { LoginRequestSchema, MAX_AGE_MAX_SECONDS } from '@oauth-flow-lab/contracts';
import { nowInSeconds } from '../src/common/random';
import { adminGet, adminPut, loginRequestPath } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, authorizeAndGetCode } from './fixtures/authorization-flow';
import { authorizeStep, getAuthorize } from './fixtures/authorization-steps';
import { expectErrorRedirect, expectJsonError } from './fixtures/expectations';
import { verifiedIdToken } from './fixtures/id-tokens';
import { redeemCode } from './fixtures/token-request';

/**
 * docs/security-cases.md, case 52: the id_token's `auth_time` is when the user really authenticated,
 * as login-ui reports it in the login accept (`authenticated_at`), never the time of the accept; the
 * client's `max_age` (OIDC Core §3.1.2.1) reaches login-ui and bounds that time, and `prompt=login`
 * asks for an authentication after the request started (src/interaction/check-authentication-time.ts).
 */
describe('auth_time, max_age and prompt=login (OIDC Core §2, §3.1.2.1)', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  const accept = (challenge: string, authenticatedAt: number) =>
    adminPut(sut, `${loginRequestPath(challenge)}/accept`, {
      subject: ALICE,
      authenticated_at: authenticatedAt,
    });

  async function idTokenClaims(options: Parameters<typeof authorizeAndGetCode>[1]) {
    const issued = await authorizeAndGetCode(sut, options);
    return (await verifiedIdToken(sut, (await redeemCode(sut, issued).expect(200)).body)).claims;
  }

  it('case 52: auth_time in the id_token is the authentication time login-ui reported, not the time of the accept', async () => {
    const halfAnHourAgo = nowInSeconds() - 1800;
    const claims = await idTokenClaims({ authenticatedAt: halfAnHourAgo });
    expect(claims.auth_time).toBe(halfAnHourAgo);
  });

  it('case 52: with max_age, the id_token carries auth_time (OIDC Core §2: REQUIRED then), the time reported', async () => {
    const tenMinutesAgo = nowInSeconds() - 600;
    const claims = await idTokenClaims({
      authenticatedAt: tenMinutesAgo,
      extraParams: { max_age: '3600' },
    });
    expect(claims.auth_time).toBe(tenMinutesAgo);
  });

  it("case 52: the login request hands login-ui the client's max_age, and none when it sent none", async () => {
    const withMaxAge = await authorizeStep(sut, { max_age: '300' });
    const described = await adminGet(sut, loginRequestPath(withMaxAge.loginChallenge)).expect(200);
    expect(LoginRequestSchema.parse(described.body).max_age).toBe(300);

    const without = await authorizeStep(sut);
    const plain = await adminGet(sut, loginRequestPath(without.loginChallenge)).expect(200);
    expect(plain.body).not.toHaveProperty('max_age');
  });

  it('case 52: an accept whose authentication is older than max_age -> 400 invalid_request, and the challenge stays usable', async () => {
    const { loginChallenge } = await authorizeStep(sut, { max_age: '60' });

    const stale = expectJsonError(
      await accept(loginChallenge, nowInSeconds() - 3600),
      400,
      'invalid_request',
    );
    expect(stale.error_description).toMatch(/older than the request's max_age \(60 s\)/);

    await accept(loginChallenge, nowInSeconds()).expect(200);
  });

  it('max_age=0 accepts an authentication of this very second (clock skew allowed)', async () => {
    const { loginChallenge } = await authorizeStep(sut, { max_age: '0' });
    await accept(loginChallenge, nowInSeconds() - 1).expect(200);
  });

  it('case 52: an authentication time in the future -> 400 invalid_request', async () => {
    const { loginChallenge } = await authorizeStep(sut);
    const future = expectJsonError(
      await accept(loginChallenge, nowInSeconds() + 3600),
      400,
      'invalid_request',
    );
    expect(future.error_description).toBe('authenticated_at is in the future');
  });

  it('case 52: prompt=login with an authentication time before the request -> 400 invalid_request; a fresh one passes', async () => {
    const beforeTheRequest = nowInSeconds() - 600;
    const { loginChallenge } = await authorizeStep(sut, { prompt: 'login' });

    const old = expectJsonError(
      await accept(loginChallenge, beforeTheRequest),
      400,
      'invalid_request',
    );
    expect(old.error_description).toMatch(/prompt=login/);

    await accept(loginChallenge, nowInSeconds()).expect(200);
  });

  it.each([
    ['negative', '-1'],
    ['a fraction', '1.5'],
    ['a word', 'soon'],
    ['signed', '+60'],
    ['over 10 years', String(MAX_AGE_MAX_SECONDS + 1)],
    ['of 11 digits', '10000000000'],
  ])('case 52: max_age %s (%s) -> invalid_request at the redirect URI', async (_label, maxAge) => {
    const response = await getAuthorize(sut, { state: 'st-52', max_age: maxAge });
    const params = expectErrorRedirect(response, {
      error: 'invalid_request',
      redirectUri: 'http://localhost:3002/callback',
      issuer: 'http://localhost:3000',
      state: 'st-52',
    });
    expect(params.get('error_description')).toBe(
      `max_age must be a whole number of seconds from 0 to ${MAX_AGE_MAX_SECONDS}`,
    );
  });

  it('max_age of exactly 10 years is accepted', async () => {
    const { loginChallenge } = await authorizeStep(sut, { max_age: String(MAX_AGE_MAX_SECONDS) });
    await accept(loginChallenge, nowInSeconds() - 86_400).expect(200);
  });
});
