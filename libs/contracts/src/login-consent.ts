import { z } from 'zod';

/**
 * The login & consent challenge API between auth-server (its admin listener, port 3100) and
 * login-ui, modelled on Ory Hydra's. During step 2 auth-server sends the browser to login-ui with a
 * `login_challenge`, then a `consent_challenge`; login-ui fetches what each is about, shows a page,
 * and accepts or rejects through this API, which answers with where to send the browser next.
 *
 *   GET  /admin/login-requests/:challenge          -> LoginRequest
 *   PUT  /admin/login-requests/:challenge/accept   AcceptLoginRequest  -> RedirectTo
 *   PUT  /admin/login-requests/:challenge/reject   RejectRequest       -> RedirectTo
 *   GET  /admin/consent-requests/:challenge        -> ConsentRequest
 *   PUT  /admin/consent-requests/:challenge/accept AcceptConsentRequest -> RedirectTo
 *   PUT  /admin/consent-requests/:challenge/reject RejectRequest        -> RedirectTo
 *
 * Every call carries `Authorization: Bearer <ADMIN_API_SECRET>`.
 */

export const ADMIN_API_PATHS = {
  loginRequest: (challenge: string) => `/admin/login-requests/${encodeURIComponent(challenge)}`,
  consentRequest: (challenge: string) => `/admin/consent-requests/${encodeURIComponent(challenge)}`,
} as const;

const ClientSummarySchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
});

export const LoginRequestSchema = z.object({
  challenge: z.string(),
  client: ClientSummarySchema,
  requested_scope: z.array(z.string()),
  expires_at: z.string(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The profile claims login-ui vouches for when it accepts a login (OIDC Core §5.1 names). */
export const UserClaimsSchema = z
  .object({
    name: z.string().max(200).optional(),
    preferred_username: z.string().max(200).optional(),
  })
  .strict();
export type UserClaims = z.infer<typeof UserClaimsSchema>;

export const AcceptLoginRequestSchema = z
  .object({
    subject: z.string().min(1).max(255),
    claims: UserClaimsSchema.default({}),
  })
  .strict();
export type AcceptLoginRequest = z.input<typeof AcceptLoginRequestSchema>;

export const ConsentRequestSchema = z.object({
  challenge: z.string(),
  client: ClientSummarySchema,
  subject: z.string(),
  requested_scope: z.array(z.string()),
  expires_at: z.string(),
});
export type ConsentRequest = z.infer<typeof ConsentRequestSchema>;

export const AcceptConsentRequestSchema = z
  .object({
    grant_scope: z.array(z.string().min(1)),
  })
  .strict();
export type AcceptConsentRequest = z.infer<typeof AcceptConsentRequestSchema>;

/**
 * Why the user was turned away. The error becomes the `error` of the authorization response
 * (RFC 6749 §4.1.2.1), so only codes that make sense there are allowed.
 */
export const RejectRequestSchema = z
  .object({
    error: z.enum(['access_denied', 'login_required', 'consent_required']).default('access_denied'),
    error_description: z.string().max(500).optional(),
  })
  .strict();
export type RejectRequest = z.input<typeof RejectRequestSchema>;

export const RedirectToSchema = z.object({ redirect_to: z.string() });
export type RedirectTo = z.infer<typeof RedirectToSchema>;

/**
 * Errors of the admin API: 400 invalid_request, 401 unauthorized, 404 not_found (unknown challenge,
 * or one of the other purpose), 410 expired or already_handled, 500 server_error.
 */
export const ADMIN_API_ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'not_found',
  'expired',
  'already_handled',
  'server_error',
] as const;
export type AdminApiErrorCode = (typeof ADMIN_API_ERROR_CODES)[number];
export const AdminApiErrorSchema = z.object({
  error: z.enum(ADMIN_API_ERROR_CODES),
  error_description: z.string(),
});
export type AdminApiError = z.infer<typeof AdminApiErrorSchema>;
