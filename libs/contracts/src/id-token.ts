import { z } from 'zod';
import { AuthorizationServerMetadataSchema } from './authorization-server-metadata';

/**
 * OpenID Connect: the ID Token (OIDC Core §2), the UserInfo response (§5.3.2) and the provider
 * metadata (OIDC Discovery §3). auth-server issues them; client-web verifies the id_token.
 *
 * The id_token is for the client: it says who logged in (authentication, `aud` = the client_id). The
 * access token is for resource-api: it says what the client may do (authorization, RFC 9068).
 */

/** The `typ` header of an id_token: plain `JWT`, never `at+jwt`, so neither passes for the other. */
export const ID_TOKEN_TYP = 'JWT';

/** OIDC Core §2 (required and used claims) and §5.1 (the standard profile claims we release). */
export const IdTokenClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  aud: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  exp: z.number().int(),
  iat: z.number().int(),
  auth_time: z.number().int().optional(),
  /** §3.1.2.1: echoed from the authorization request, binds the id_token to the client's session. */
  nonce: z.string().optional(),
  /** §3.1.3.6: left half of SHA-256 of the access token, base64url. */
  at_hash: z.string().optional(),
  azp: z.string().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
});
export type IdTokenClaims = z.infer<typeof IdTokenClaimsSchema>;

/** OIDC Core §5.3.2: the UserInfo response; `sub` always, profile claims with the `profile` scope. */
export const UserInfoResponseSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
});
export type UserInfoResponse = z.infer<typeof UserInfoResponseSchema>;

/** OIDC Discovery §3: the RFC 8414 metadata plus what an OpenID Provider must also say. */
export const OpenIdProviderMetadataSchema = AuthorizationServerMetadataSchema.extend({
  userinfo_endpoint: z.string().min(1),
  subject_types_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
  claims_supported: z.array(z.string()),
});
export type OpenIdProviderMetadata = z.infer<typeof OpenIdProviderMetadataSchema>;
