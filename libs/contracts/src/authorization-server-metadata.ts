import { z } from 'zod';

/** RFC 8414 §2: what auth-server publishes at /.well-known/oauth-authorization-server. */
export const AuthorizationServerMetadataSchema = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.string().min(1),
  token_endpoint: z.string().min(1),
  /** RFC 8414 §2 / RFC 7009: where a client revokes its tokens. */
  revocation_endpoint: z.string().min(1).optional(),
  revocation_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  /** RFC 8414 §2 / RFC 7662: where a client asks whether a token is active. */
  introspection_endpoint: z.string().min(1).optional(),
  introspection_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  jwks_uri: z.string().min(1),
  scopes_supported: z.array(z.string()),
  response_types_supported: z.array(z.string()),
  response_modes_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  code_challenge_methods_supported: z.array(z.string()),
  authorization_response_iss_parameter_supported: z.boolean(),
});
export type AuthorizationServerMetadata = z.infer<typeof AuthorizationServerMetadataSchema>;

/** RFC 7517 §5: a JWK Set, public keys only. */
export const JsonWebKeySetSchema = z.object({
  keys: z.array(
    z
      .object({ kty: z.string(), kid: z.string(), alg: z.string(), use: z.literal('sig') })
      .catchall(z.unknown()),
  ),
});
export type JsonWebKeySet = z.infer<typeof JsonWebKeySetSchema>;
