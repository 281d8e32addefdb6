import { LoginRequestSchema } from '@oauth-flow-lab/contracts';
import { adminGet, loginRequestPath } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeStep, getAuthorize } from './fixtures/authorization-steps';
import { registerClient, type TestClient } from './fixtures/clients';
import { expectErrorRedirect } from './fixtures/expectations';
import { authorizeWithConsent, consentRequestFor } from './fixtures/remembered-consent';

/**
 * Remembered consent (Hydra's `remember`) and `prompt` (OIDC Core §3.1.2.1): what the consent and
 * login requests tell login-ui, and what /authorize does with prompt=none.
 */
describe('remembered consent and prompt', () => {
  let sut: TestAuthServer;
  let clientB: TestClient;
  let subjects = 0;
  /** Each test its own user, so remembered consents of one test never leak into another. */
  const newSubject = () => `remember-user-${(subjects += 1)}`;

  beforeAll(async () => {
    sut = await startAuthServer();
    clientB = await registerClient(sut, { clientId: 'client-b' });
  });
  afterAll(() => sut.close());

  it('a first request: skip false, prompt empty', async () => {
    const consent = await consentRequestFor(sut, { subject: newSubject() });
    expect(consent).toMatchObject({ skip: false, prompt: [] });
  });

  it('consented with remember -> the next request of the client has skip: true', async () => {
    const subject = newSubject();
    await authorizeWithConsent(sut, { subject, scope: 'openid notes:read', remember: true });
    const again = await consentRequestFor(sut, { subject, scope: 'openid notes:read' });
    expect(again).toMatchObject({ subject, skip: true, requested_scope: ['openid', 'notes:read'] });
    const narrower = await consentRequestFor(sut, { subject, scope: 'notes:read' });
    expect(narrower.skip).toBe(true);
  });

  it('consented without remember -> skip stays false', async () => {
    const subject = newSubject();
    await authorizeWithConsent(sut, { subject, remember: false });
    expect((await consentRequestFor(sut, { subject })).skip).toBe(false);
  });

  it('a wider scope than remembered -> skip: false', async () => {
    const subject = newSubject();
    await authorizeWithConsent(sut, { subject, scope: 'openid notes:read', remember: true });
    const wider = await consentRequestFor(sut, { subject, scope: 'openid notes:read notes:write' });
    expect(wider.skip).toBe(false);
  });

  it('only the granted scopes are remembered, not everything requested', async () => {
    const subject = newSubject();
    await authorizeWithConsent(sut, {
      subject,
      scope: 'openid notes:read notes:write',
      grantScope: ['openid', 'notes:read'],
      remember: true,
    });
    const same = await consentRequestFor(sut, { subject, scope: 'openid notes:read notes:write' });
    expect(same.skip).toBe(false);
    expect((await consentRequestFor(sut, { subject, scope: 'openid notes:read' })).skip).toBe(true);
  });

  it('remembered scopes add up across consents', async () => {
    const subject = newSubject();
    await authorizeWithConsent(sut, { subject, scope: 'openid', remember: true });
    await authorizeWithConsent(sut, { subject, scope: 'notes:read', remember: true });
    expect((await consentRequestFor(sut, { subject, scope: 'openid notes:read' })).skip).toBe(true);
  });

  it('another user, or another client -> skip: false', async () => {
    const subject = newSubject();
    await authorizeWithConsent(sut, { subject, scope: 'openid notes:read', remember: true });
    expect((await consentRequestFor(sut, { subject: newSubject() })).skip).toBe(false);
    const atClientB = await consentRequestFor(sut, {
      subject,
      clientId: clientB.clientId,
      redirectUri: clientB.redirectUris[0],
    });
    expect(atClientB.skip).toBe(false);
  });

  it('prompt=consent -> skip: false even when remembered, and prompt is passed on', async () => {
    const subject = newSubject();
    await authorizeWithConsent(sut, { subject, remember: true });
    const forced = await consentRequestFor(sut, { subject, extraParams: { prompt: 'consent' } });
    expect(forced).toMatchObject({ skip: false, prompt: ['consent'] });
  });

  it('the login request: skip is always false (no auth-server sessions); prompt=login is passed on', async () => {
    const plain = await authorizeStep(sut);
    const plainBody = (await adminGet(sut, loginRequestPath(plain.loginChallenge))).body as unknown;
    expect(LoginRequestSchema.parse(plainBody)).toMatchObject({ skip: false, prompt: [] });

    const forced = await authorizeStep(sut, { prompt: 'login unknown-value consent' });
    const body = (await adminGet(sut, loginRequestPath(forced.loginChallenge))).body as unknown;
    expect(LoginRequestSchema.parse(body)).toMatchObject({
      skip: false,
      prompt: ['login', 'consent'],
    });
  });

  it('unknown prompt values alone are ignored and the flow goes on', async () => {
    const response = await getAuthorize(sut, { prompt: 'whatever' }).expect(303);
    expect(response.headers['location']).toContain('/login?login_challenge=');
  });

  describe('prompt=none', () => {
    const expectError = async (prompt: string, error: string) => {
      const response = await getAuthorize(sut, { prompt, state: 'st-none' });
      expectErrorRedirect(response, {
        error,
        redirectUri: 'http://localhost:3002/callback',
        issuer: 'http://localhost:3000',
        state: 'st-none',
      });
    };

    it('alone -> login_required (auth-server never knows the user is logged in)', () =>
      expectError('none', 'login_required'));

    it.each(['none login', 'consent none'])('%j -> invalid_request', (prompt) =>
      expectError(prompt, 'invalid_request'),
    );
  });
});
