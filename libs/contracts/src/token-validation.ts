import { z } from 'zod';
import { BEARER_ERROR_CODES } from './oauth-errors';
import { ALL_TOKEN_CHECK_NAMES } from './token-checks';

/**
 * Step 6 can be made two ways, and resource-api runs in one of them (TOKEN_VALIDATION):
 * - `jwt`: the token is verified here, with auth-server's public key (RFC 9068 §4); auth-server is
 *   never asked, so a revoked token stays valid until it expires;
 * - `introspection`: auth-server is asked about each token (RFC 7662 §2.1); a revocation is seen at
 *   once (after at most INTROSPECTION_CACHE_SECONDS), at the price of a round trip.
 */
export const TOKEN_VALIDATION_MODES = ['jwt', 'introspection'] as const;
export type TokenValidationMode = (typeof TOKEN_VALIDATION_MODES)[number];

/**
 * resource-api's comparison of the two (demo mode only), for client-web's "JWT or introspection?"
 * page:
 *
 *   POST /debug/token-validation
 *   Authorization: Bearer <the caller's access token, the one to validate>
 *   Content-Type: application/json
 *   { "required_scope": "notes:read" }                      -> 200 TokenValidationComparison
 *
 * The token is the caller's credential and what the request is about, never a parameter: resource-api
 * asks auth-server about no token but the one its caller authenticated with (401 otherwise). 200
 * whatever the verdicts. Outside demo mode the route does not exist (404).
 */
export const TokenValidationRequestSchema = z
  .object({ required_scope: z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/) })
  .strict();
export type TokenValidationRequest = z.infer<typeof TokenValidationRequestSchema>;

/** What one way of validating says of the token, and how long it took to say it. */
export const ValidationVerdictSchema = z.object({
  /** Exactly when the API, validating this way, would serve the request. */
  valid: z.boolean(),
  /**
   * The error the API would answer with (RFC 6750 §3.1), or `temporarily_unavailable` (503) when
   * auth-server could not be reached for what this way needs (keys or an introspection answer).
   */
  error: z.enum([...BEARER_ERROR_CODES, 'temporarily_unavailable']).optional(),
  /** The check that decided: the first that failed, or the one that says the most when all passed. */
  check: z.enum(ALL_TOKEN_CHECK_NAMES),
  /** What that check found, in a sentence (never the token). */
  detail: z.string(),
  /** Milliseconds the whole validation took, round trips to auth-server included. */
  ms: z.number().nonnegative(),
});
export type ValidationVerdict = z.infer<typeof ValidationVerdictSchema>;

export const TokenValidationComparisonSchema = z.object({
  /** The way resource-api's API validates tokens (TOKEN_VALIDATION). */
  mode: z.enum(TOKEN_VALIDATION_MODES),
  required_scope: z.string(),
  /**
   * INTROSPECTION_CACHE_SECONDS: how long the API may keep answering from a positive introspection
   * answer, i.e. how late it may see a revocation. The comparison itself always asks auth-server.
   */
  introspection_cache_seconds: z.number().int().nonnegative(),
  jwt: ValidationVerdictSchema,
  introspection: ValidationVerdictSchema.extend({
    /** What auth-server answered (RFC 7662 §2.2); absent when it could not be asked. */
    active: z.boolean().optional(),
  }),
});
export type TokenValidationComparison = z.infer<typeof TokenValidationComparisonSchema>;
