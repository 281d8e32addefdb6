import { z } from 'zod';

/**
 * resource-api's validation report (demo mode only): what step 6 checks of an access token, one
 * check at a time, so client-web's flow view can show why a token is accepted or refused.
 *
 *   POST /debug/token-checks
 *   Authorization: Bearer <the caller's access token, the one to check>
 *   Content-Type: application/json
 *   { "required_scope": "notes:read" }                      -> 200 TokenChecksReport
 *
 * The report is made by the same functions that guard the API (libs/resource-guards), in the same
 * order (nbf, exp, aud, iss as jsonwebtoken compares them on the guard's path). The token is the
 * caller's credential as well as the subject: one that does not authenticate (forged, expired, not
 * for this API) gets the API's own 401, never a report, and auth-server is not asked about it.
 * Otherwise 200 whatever the verdict for the scope asked about. Outside demo mode the route does
 * not exist (404).
 */
export const TOKEN_CHECK_NAMES = [
  /** RFC 7515 §7.1: three base64url parts, the header a JSON object. */
  'format',
  /** RFC 8725 §3.1: `alg` on the allow-list (RS256); `none` and HS256 refused. */
  'alg',
  /** RFC 9068 §4: `typ` is at+jwt, so an id_token is not accepted as an access token. */
  'typ',
  /** RFC 7517 §4.5: the header's `kid` names a key of auth-server's JWK Set. */
  'kid',
  /** RFC 7515 §5.2: the signature verifies with that key. */
  'signature',
  /** RFC 7519 §4.1.5: not used before its time (with the allowed clock skew). */
  'nbf',
  /** RFC 7519 §4.1.4: not expired (with the allowed clock skew). */
  'exp',
  /** RFC 9068 §4, RFC 8707: `aud` names this resource server. */
  'aud',
  /** RFC 9068 §4, RFC 8414 §2: `iss` is auth-server's issuer identifier. */
  'iss',
  /** RFC 9068 §2.2: every required claim present and well typed. */
  'claims',
  /** RFC 6750 §3.1, RFC 6749 §3.3: the token's scope includes what the endpoint requires. */
  'scope',
] as const;

/**
 * The checks resource-api makes in introspection mode (TOKEN_VALIDATION=introspection), in order:
 * auth-server is asked about the token (RFC 7662 §2.1) instead of its signature being verified
 * here; what auth-server answers is then checked like the claims of a JWT.
 */
export const INTROSPECTION_CHECK_NAMES = [
  /** RFC 7662 §2.2: auth-server answers `active: true` for the token (or did so moments ago). */
  'active',
  /** RFC 7662 §2.2: the token is an access token, not a refresh token. */
  'token_type',
  'iss',
  'aud',
  'exp',
  'claims',
  'scope',
] as const;

/** Every check name of both lists, each once. */
export const ALL_TOKEN_CHECK_NAMES = [...TOKEN_CHECK_NAMES, 'active', 'token_type'] as const;
export type TokenCheckName = (typeof ALL_TOKEN_CHECK_NAMES)[number];

export const TokenCheckSchema = z.object({
  name: z.enum(ALL_TOKEN_CHECK_NAMES),
  /** `skipped`: an earlier check failed, so this one could not be made (e.g. no key, no signature). */
  outcome: z.enum(['pass', 'fail', 'skipped']),
  /** What was compared, in a sentence: `kid "k-2026-11" is in the key set (2 keys)`. */
  detail: z.string(),
  /** The RFC section the check follows. */
  rfc: z.string(),
});
export type TokenCheck = z.infer<typeof TokenCheckSchema>;

export const TokenChecksRequestSchema = z
  .object({ required_scope: z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/) })
  .strict();
export type TokenChecksRequest = z.infer<typeof TokenChecksRequestSchema>;

export const TokenChecksReportSchema = z.object({
  /** `valid` exactly when the API would have served the request (every check passed). */
  verdict: z.enum(['valid', 'invalid']),
  /** The error resource-api answers such a token with at the API (RFC 6750 §3.1), when invalid. */
  error: z.enum(['invalid_request', 'invalid_token', 'insufficient_scope']).optional(),
  required_scope: z.string(),
  checks: z.array(TokenCheckSchema),
});
export type TokenChecksReport = z.infer<typeof TokenChecksReportSchema>;
