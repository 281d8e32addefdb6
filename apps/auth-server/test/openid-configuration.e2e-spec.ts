import { OpenIdProviderMetadataSchema } from '@oauth-flow-lab/contracts';
import request from 'supertest';
import { OpenIdConfigurationController } from '../src/oidc/openid-configuration.controller';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';

/** GET /.well-known/openid-configuration (OIDC Discovery §4). */
describe(OpenIdConfigurationController.name, () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  it('is the RFC 8414 document plus the OpenID Provider fields (OIDC Discovery §3)', async () => {
    const oauth = await request(sut.publicServer)
      .get('/.well-known/oauth-authorization-server')
      .expect(200);
    const response = await request(sut.publicServer)
      .get('/.well-known/openid-configuration')
      .expect(200)
      .expect('Content-Type', /application\/json/);

    const metadata = OpenIdProviderMetadataSchema.parse(response.body);
    expect(metadata).toEqual({
      ...(oauth.body as object),
      userinfo_endpoint: 'http://localhost:3000/userinfo',
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: [
        'iss',
        'sub',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'nonce',
        'at_hash',
        'name',
        'preferred_username',
      ],
    });
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile']));
    expect(metadata.issuer).toBe('http://localhost:3000');
  });

  it('case 35: a forged Host or X-Forwarded-Host changes nothing', async () => {
    const response = await request(sut.publicServer)
      .get('/.well-known/openid-configuration')
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .expect(200);
    expect(JSON.stringify(response.body)).not.toContain('evil.example');
  });
});
