import { AuthorizationServerMetadataSchema } from '@oauth-flow-lab/contracts';
import { loadAuthServerConfig } from '../config/auth-server.config';
import { authorizationServerMetadata } from './authorization-server-metadata';

describe(authorizationServerMetadata.name, () => {
  const sut = authorizationServerMetadata;

  it('describes the server from the configured issuer (RFC 8414 §2)', () => {
    const metadata = sut(loadAuthServerConfig({ ISSUER: 'https://as.example.com' }));
    expect(AuthorizationServerMetadataSchema.parse(metadata)).toEqual({
      issuer: 'https://as.example.com',
      authorization_endpoint: 'https://as.example.com/authorize',
      token_endpoint: 'https://as.example.com/token',
      revocation_endpoint: 'https://as.example.com/revoke',
      introspection_endpoint: 'https://as.example.com/introspect',
      jwks_uri: 'https://as.example.com/.well-known/jwks.json',
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

  it('keeps an issuer path in every endpoint', () => {
    const metadata = sut(loadAuthServerConfig({ ISSUER: 'https://example.com/as' }));
    expect(metadata.token_endpoint).toBe('https://example.com/as/token');
    expect(metadata.jwks_uri).toBe('https://example.com/as/.well-known/jwks.json');
    expect(metadata.revocation_endpoint).toBe('https://example.com/as/revoke');
    expect(metadata.introspection_endpoint).toBe('https://example.com/as/introspect');
  });

  it('depends on the issuer only: the other settings change nothing', () => {
    const base = loadAuthServerConfig({});
    const other = loadAuthServerConfig({
      PORT: '8080',
      LOGIN_UI_URL: 'https://login.example',
      ACCESS_TOKEN_AUDIENCE: 'https://api.example',
      CLIENT_WEB_URL: 'https://client.example',
    });
    expect(sut(other)).toEqual(sut(base));
  });

  it('returns a fresh document each time: callers cannot change the next one', () => {
    const config = loadAuthServerConfig({});
    sut(config).scopes_supported.push('admin');
    expect(sut(config).scopes_supported).not.toContain('admin');
  });
});
