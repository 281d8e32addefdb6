import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { type AuthorizationParams, getAuthorize } from './fixtures/authorization-steps';
import { registerClient } from './fixtures/clients';
import { expectErrorRedirect } from './fixtures/expectations';

/**
 * GET /authorize after the client and redirect_uri are verified: every failure goes back to the client
 * as a 303 with `error`, `error_description`, `state` and `iss` (RFC 6749 §4.1.2.1, RFC 9207 §2).
 */
describe('GET /authorize errors sent back to the client', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  async function expectError(
    error: string,
    overrides: AuthorizationParams,
    extra = '',
  ): Promise<void> {
    const response = await getAuthorize(sut, { state: 'st-1', ...overrides }, extra);
    expectErrorRedirect(response, {
      error,
      redirectUri: 'http://localhost:3002/callback',
      issuer: 'http://localhost:3000',
      state: 'st-1',
    });
    expect(response.headers['set-cookie']).toBeUndefined();
  }

  it('a state too long to send back (over 1024 characters) -> a 400 page, no redirect, no cookie', async () => {
    const atLimit = await getAuthorize(sut, { state: 's'.repeat(1024) });
    expect(atLimit.status).toBe(303);

    const response = await getAuthorize(sut, { state: 's'.repeat(1025), prompt: 'none' });
    expect(response.status).toBe(400);
    expect(response.headers['location']).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.text).toContain('longer than 1024 characters');
  });

  describe('case 3: response_type', () => {
    it('case 3: missing -> invalid_request', () =>
      expectError('invalid_request', { response_type: undefined }));

    it.each(['token', 'id_token', 'code token', 'CODE', 'code id_token'])(
      'case 3: %s -> unsupported_response_type',
      (responseType) => expectError('unsupported_response_type', { response_type: responseType }),
    );
  });

  describe('case 4: PKCE S256 is required', () => {
    it('case 4: no code_challenge -> invalid_request', () =>
      expectError('invalid_request', { code_challenge: undefined }));

    it.each([
      ['plain', 'plain'],
      ['unknown', 'S512'],
      ['lower-case s256', 's256'],
      ['missing (would default to plain)', undefined],
    ])('case 4: code_challenge_method %s -> invalid_request', (_label, method) =>
      expectError('invalid_request', { code_challenge_method: method }),
    );

    it.each([
      ['42 characters', 'a'.repeat(42)],
      ['129 characters', 'a'.repeat(129)],
      ['base64 "+" and "/"', `${'a'.repeat(41)}+/`],
      ['padding "="', `${'a'.repeat(42)}=`],
      ['a space', `${'a'.repeat(21)} ${'a'.repeat(21)}`],
      ['non-ASCII', `${'a'.repeat(42)}é`],
    ])('case 4: code_challenge with %s -> invalid_request', (_label, challenge) =>
      expectError('invalid_request', { code_challenge: challenge }),
    );
  });

  describe('case 5: a parameter sent twice -> invalid_request', () => {
    it.each([
      ['scope', '&scope=openid'],
      ['response_type', '&response_type=code'],
      ['code_challenge', '&code_challenge=x'],
      ['code_challenge_method', '&code_challenge_method=S256'],
    ])('case 5: %s twice', (_name, extra) => expectError('invalid_request', {}, extra));

    it('case 5: state twice -> invalid_request, with no state (there is no single one to echo)', async () => {
      const response = await getAuthorize(sut, { state: 'one' }, '&state=two');
      expectErrorRedirect(response, {
        error: 'invalid_request',
        redirectUri: 'http://localhost:3002/callback',
        issuer: 'http://localhost:3000',
      });
    });
  });

  describe('case 6: scope', () => {
    it.each([
      ['unknown to the server', 'openid admin'],
      ['unknown notes scope', 'notes:delete'],
      ['differing in case', 'OpenID'],
    ])('case 6: a scope %s -> invalid_scope', (_label, scope) =>
      expectError('invalid_scope', { scope }),
    );

    it('case 6: a known scope the client is not registered for -> invalid_scope', async () => {
      const limited = await registerClient(sut, {
        clientId: 'client-limited',
        allowedScopes: ['openid', 'notes:read'],
      });
      const response = await getAuthorize(sut, {
        client_id: limited.clientId,
        redirect_uri: limited.redirectUris[0],
        scope: 'openid notes:write',
        state: 'st-6',
      });
      expectErrorRedirect(response, {
        error: 'invalid_scope',
        redirectUri: limited.redirectUris[0],
        issuer: 'http://localhost:3000',
        state: 'st-6',
      });
    });

    it('an omitted scope -> invalid_scope (the server has no default scope)', () =>
      expectError('invalid_scope', { scope: undefined }));
  });

  it('a client not registered for the authorization_code grant -> unauthorized_client', async () => {
    const machine = await registerClient(sut, {
      clientId: 'client-machine-only',
      grantTypes: ['client_credentials'],
    });
    const response = await getAuthorize(sut, {
      client_id: machine.clientId,
      redirect_uri: machine.redirectUris[0],
      state: 'st-uc',
    });
    expectErrorRedirect(response, {
      error: 'unauthorized_client',
      redirectUri: machine.redirectUris[0],
      issuer: 'http://localhost:3000',
      state: 'st-uc',
    });
  });

  describe('case 13: injection-shaped scope -> an ordinary invalid_scope', () => {
    it.each(["' OR '1'='1", '$gt', '../', 'notes:read"', 'openid\\'])(
      'case 13: scope %s',
      (scope) => expectError('invalid_scope', { scope }),
    );
  });
});
