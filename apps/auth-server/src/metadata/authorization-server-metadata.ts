import { SCOPES_SUPPORTED, type AuthorizationServerMetadata } from '@oauth-flow-lab/contracts';
import type { AuthServerConfig } from '../config/auth-server.config';

/**
 * RFC 8414 §2: what a client needs to know about this server. Every URL is built from the configured
 * issuer, never from the request's Host or X-Forwarded-Host header, so a forged header cannot
 * redirect clients elsewhere.
 */
export function authorizationServerMetadata(config: AuthServerConfig): AuthorizationServerMetadata {
  const issuer = config.issuer;
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    scopes_supported: [...SCOPES_SUPPORTED],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    // RFC 9207: every authorization response carries `iss`, so clients can detect mix-up attacks.
    authorization_response_iss_parameter_supported: true,
  };
}
