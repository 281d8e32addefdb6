import request from 'supertest';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { getAuthorize } from './fixtures/authorization-steps';
import { expectErrorRedirect } from './fixtures/expectations';
import { pkce } from './fixtures/pkce';

/** GET /authorize (RFC 6749 §4.1.1, RFC 7636 §4.3): a valid request, and where it goes. */
describe('GET /authorize', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  it('sends the browser to login-ui with a login challenge and sets the binding cookie', async () => {
    const response = await getAuthorize(sut).expect(303);

    const location = new URL(response.headers['location']);
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3001/login');
    expect(location.searchParams.get('login_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookies = response.get('Set-Cookie') ?? [];
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^auth_server\.binding\.\d+\.[0-9a-f-]{36}=[A-Za-z0-9_-]{43};/);
    expect(cookies[0]).toContain('Path=/authorize');
    expect(cookies[0]).toContain('HttpOnly');
    expect(cookies[0]).toContain('SameSite=Lax');
    expect(cookies[0]).not.toContain('Secure');
  });

  it('marks the binding cookie Secure when the issuer is https', async () => {
    const https = await startAuthServer({ ISSUER: 'https://as.example.com' });
    try {
      const response = await getAuthorize(https).expect(303);
      expect(response.get('Set-Cookie')?.[0]).toContain('Secure');
    } finally {
      await https.close();
    }
  });

  it('gives each request its own login challenge', async () => {
    const first = await getAuthorize(sut).expect(303);
    const second = await getAuthorize(sut).expect(303);
    expect(first.headers['location']).not.toBe(second.headers['location']);
  });

  it('case 5: unknown extra parameters are ignored and the flow succeeds', async () => {
    const issued = await authorizeAndGetCode(sut, {
      extraParams: { prompt: 'login', nonce: 'n-0S6_WzA2Mj', 'x-unknown': 'whatever' },
    });
    expect(issued.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('case 6: the same scopes in another order succeed', async () => {
    const issued = await authorizeAndGetCode(sut, {
      scope: 'notes:write profile notes:read openid offline_access',
    });
    expect(issued.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('case 8: the code response carries iss equal to the metadata issuer, and state', async () => {
    const metadata = await request(sut.publicServer)
      .get('/.well-known/oauth-authorization-server')
      .expect(200);
    const issued = await authorizeAndGetCode(sut, { state: 'state with spaces & symbols' });
    expect(issued.iss).toBe((metadata.body as { issuer: string }).issuer);
    expect(issued.state).toBe('state with spaces & symbols');
  });

  it('case 8: an error response carries iss equal to the metadata issuer, and state', async () => {
    const response = await getAuthorize(sut, { response_type: 'token', state: 's-8' });
    expectErrorRedirect(response, {
      error: 'unsupported_response_type',
      redirectUri: 'http://localhost:3002/callback',
      issuer: 'http://localhost:3000',
      state: 's-8',
    });
  });

  it('an error response without state carries no state', async () => {
    const response = await getAuthorize(sut, { response_type: 'token', state: undefined });
    expectErrorRedirect(response, {
      error: 'unsupported_response_type',
      redirectUri: 'http://localhost:3002/callback',
      issuer: 'http://localhost:3000',
    });
  });

  describe('case 9: no CORS headers on /authorize', () => {
    it('case 9: a GET with an Origin header gets no Access-Control-Allow-Origin', async () => {
      const response = await getAuthorize(sut).set('Origin', 'https://evil.example');
      expect(response.status).toBe(303);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('case 9: a CORS preflight is not answered with CORS headers', async () => {
      const response = await request(sut.publicServer)
        .options('/authorize')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'GET');
      expect(response.status).toBe(404);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  it('accepts a 128-character code_challenge and a verifier-shaped one of 43', async () => {
    await getAuthorize(sut, { code_challenge: 'a'.repeat(128) }).expect(303);
    await getAuthorize(sut, { code_challenge: pkce().challenge }).expect(303);
  });
});
