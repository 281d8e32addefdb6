import { SCOPES_SUPPORTED, type AuthorizationServerMetadata } from '@oauth-flow-lab/contracts';
import type { AuthServerConfig } from '../config/auth-server.config';
import { SUPPORTED_GRANT_TYPES } from '../token/token-request.checks';

/**
 * RFC 8414 §2: what a client needs to know about this server. Every URL is built from the configured
 * issuer, never from the request's Host or X-Forwarded-Host header, so a forged header cannot
 * redirect clients elsewhere.
 */
export function authorizationServerMetadata(config: AuthServerConfig): AuthorizationServerMetadata {
  const issuer = config.issuer;
  // /token, /revoke and /introspect authenticate clients the same way (token/client-authentication.ts).
  const clientAuthMethods = () => ['client_secret_basic', 'client_secret_post'];
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/revoke`,
    introspection_endpoint: `${issuer}/introspect`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    scopes_supported: [...SCOPES_SUPPORTED],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [...SUPPORTED_GRANT_TYPES],
    token_endpoint_auth_methods_supported: clientAuthMethods(),
    revocation_endpoint_auth_methods_supported: clientAuthMethods(),
    introspection_endpoint_auth_methods_supported: clientAuthMethods(),
    code_challenge_methods_supported: ['S256'],
    // RFC 9207: every authorization response carries `iss`, so clients can detect mix-up attacks.
    authorization_response_iss_parameter_supported: true,
  };
}
