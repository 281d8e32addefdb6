import { z } from 'zod';

/**
 * The error codes of the protocol, one union per place they appear. The servers build their error
 * types from these; the client and the tests check answers against them.
 */

/** RFC 6749 §4.1.2.1: errors returned to the client's redirect_uri by the authorization endpoint. */
export const AUTHORIZATION_ERROR_CODES = [
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  // OpenID Connect Core §3.1.2.6: the user could not be logged in, or did not consent.
  'login_required',
  'consent_required',
] as const;
export type AuthorizationErrorCode = (typeof AUTHORIZATION_ERROR_CODES)[number];

/** RFC 6749 §5.2: errors in the JSON body of a token endpoint response. */
export const TOKEN_ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
] as const;
export type TokenErrorCode = (typeof TOKEN_ERROR_CODES)[number];

/** RFC 6750 §3.1: errors in a resource server's `WWW-Authenticate: Bearer` challenge. */
export const BEARER_ERROR_CODES = [
  'invalid_request',
  'invalid_token',
  'insufficient_scope',
] as const;
export type BearerErrorCode = (typeof BEARER_ERROR_CODES)[number];

export type OAuthErrorCode = AuthorizationErrorCode | TokenErrorCode | BearerErrorCode;

/** The JSON error body (RFC 6749 §5.2), also used for the authorization response's query (§4.1.2.1). */
export const OAuthErrorResponseSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional(),
  error_uri: z.string().optional(),
});
export type OAuthErrorResponse = z.infer<typeof OAuthErrorResponseSchema>;

/**
 * An `error_description` as the protocol allows it: RFC 6749 §5.2 and §4.1.2.1, and RFC 6750 §3,
 * limit its characters to %x20-21 / %x23-5B / %x5D-7E, printable ASCII without `"` and `\`, so that
 * it fits inside a quoted header value and a client can show it as is. A description is ours, but it
 * may quote what a request sent (a parameter name, a token's header): each character outside the
 * set becomes `?`, visibly, so the sentence stays readable and no value breaks out of its quotes.
 */
export function errorDescriptionOf(text: string): string {
  return text.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '?');
}
