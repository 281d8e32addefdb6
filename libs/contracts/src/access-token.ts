import { z } from 'zod';

/**
 * The JWT access token, as RFC 9068 defines it. auth-server signs it (step 4) and resource-api
 * verifies it (step 6); both read this one declaration.
 */

/** RFC 9068 §2.1: the `typ` header of an access token. §4: resource servers accept both spellings. */
export const ACCESS_TOKEN_TYP = 'at+jwt';
export const ACCESS_TOKEN_TYP_VALUES: readonly string[] = [ACCESS_TOKEN_TYP, 'application/at+jwt'];

/** Signing algorithms this project issues and accepts (RFC 8725 §3.1: an explicit allow-list). */
export const ACCESS_TOKEN_ALGORITHMS = ['RS256'] as const;
export type AccessTokenAlgorithm = (typeof ACCESS_TOKEN_ALGORITHMS)[number];

/** RFC 9068 §2.2: the claims every access token carries. */
export const AccessTokenClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  aud: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  client_id: z.string().min(1),
  scope: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
  auth_time: z.number().int().optional(),
  /**
   * A private claim (RFC 7519 §4.3) of this authorization server: the grant the token was issued
   * under (absent for client_credentials), so that revoking the grant revokes every access token of
   * it without a record per token.
   */
  grant_id: z.string().min(1).optional(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;

/** The JOSE header of an access token (RFC 7515 §4.1, RFC 9068 §2.1). */
export const AccessTokenHeaderSchema = z.object({
  alg: z.enum(ACCESS_TOKEN_ALGORITHMS),
  typ: z.string(),
  kid: z.string().min(1),
});
export type AccessTokenHeader = z.infer<typeof AccessTokenHeaderSchema>;
