import request from 'supertest';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { getAuthorize } from './fixtures/authorization-steps';
import { adminPut, loginAcceptBody, loginRequestPath } from './fixtures/admin-api';
import { ALICE, authorizeAndGetCode } from './fixtures/authorization-flow';

/** GET /.well-known/oauth-authorization-server (RFC 8414 §3). */
describe('authorization server metadata', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  it('publishes every field, built from the configured issuer', async () => {
    const response = await request(sut.publicServer)
      .get('/.well-known/oauth-authorization-server')
      .expect(200)
      .expect('Content-Type', /application\/json/);

    expect(response.body).toEqual({
      issuer: 'http://localhost:3000',
      authorization_endpoint: 'http://localhost:3000/authorize',
      token_endpoint: 'http://localhost:3000/token',
      revocation_endpoint: 'http://localhost:3000/revoke',
      introspection_endpoint: 'http://localhost:3000/introspect',
      jwks_uri: 'http://localhost:3000/.well-known/jwks.json',
      scopes_supported: [
        'openid',
        'profile',
        'offline_access',
        'notes:read',
        'notes:write',
        'notes:stats',
      ],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
  });

  it('follows ISSUER when it is configured elsewhere', async () => {
    const other = await startAuthServer({ ISSUER: 'https://as.example.com' });
    try {
      const response = await request(other.publicServer)
        .get('/.well-known/oauth-authorization-server')
        .expect(200);
      expect(response.body).toMatchObject({
        issuer: 'https://as.example.com',
        authorization_endpoint: 'https://as.example.com/authorize',
        token_endpoint: 'https://as.example.com/token',
        revocation_endpoint: 'https://as.example.com/revoke',
        introspection_endpoint: 'https://as.example.com/introspect',
        jwks_uri: 'https://as.example.com/.well-known/jwks.json',
      });
    } finally {
      await other.close();
    }
  });

  describe('case 35: Host and X-Forwarded-Host set to another host change nothing', () => {
    const forged = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' };

    it('case 35: metadata keeps the configured issuer and endpoints', async () => {
      const response = await request(sut.publicServer)
        .get('/.well-known/oauth-authorization-server')
        .set(forged)
        .expect(200);
      expect(JSON.stringify(response.body)).not.toContain('evil.example');
      expect(response.body).toMatchObject({
        issuer: 'http://localhost:3000',
        token_endpoint: 'http://localhost:3000/token',
      });
    });

    it('case 35: the /authorize redirect and the after-login URL do not follow the headers', async () => {
      const response = await getAuthorize(sut).set(forged).expect(303);
      const location = new URL(response.headers['location']);
      expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3001/login');

      const challenge = location.searchParams.get('login_challenge') ?? '';
      const accepted = await adminPut(
        sut,
        `${loginRequestPath(challenge)}/accept`,
        loginAcceptBody(ALICE),
      )
        .set(forged)
        .expect(200);
      expect((accepted.body as { redirect_to: string }).redirect_to).toMatch(
        /^http:\/\/localhost:3000\/authorize\/after-login\?/,
      );
    });

    it('case 35: iss of an error redirect stays the configured issuer', async () => {
      const response = await getAuthorize(sut, { response_type: 'token' }).set(forged).expect(303);
      const location = new URL(response.headers['location']);
      expect(location.origin).toBe('http://localhost:3002');
      expect(location.searchParams.get('iss')).toBe('http://localhost:3000');
    });

    it('case 35: iss of the code response stays the configured issuer', async () => {
      const issued = await authorizeAndGetCode(sut);
      expect(issued.iss).toBe('http://localhost:3000');
    });
  });
});
