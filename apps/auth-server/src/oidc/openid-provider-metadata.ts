import type { OpenIdProviderMetadata } from '@oauth-flow-lab/contracts';
import type { AuthServerConfig } from '../config/auth-server.config';
import { authorizationServerMetadata } from '../metadata/authorization-server-metadata';

/** OIDC Core §2 and §5.1: every claim an id_token or /userinfo can carry. */
export const CLAIMS_SUPPORTED = [
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
];

/**
 * OIDC Discovery §3: the OpenID Provider metadata is the RFC 8414 document (same issuer, endpoints,
 * scopes incl. openid and profile) plus what OpenID Connect adds: the UserInfo endpoint, `public`
 * subject identifiers (the same `sub` for every client, §8), RS256 id_tokens and the claims.
 */
export function openIdProviderMetadata(config: AuthServerConfig): OpenIdProviderMetadata {
  const base = authorizationServerMetadata(config);
  return {
    ...base,
    userinfo_endpoint: `${base.issuer}/userinfo`,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: [...CLAIMS_SUPPORTED],
  };
}
