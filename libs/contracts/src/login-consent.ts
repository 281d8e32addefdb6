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
 *   GET    /admin/subjects/:subject/consents            -> RememberedConsentList ("connected apps")
 *   DELETE /admin/subjects/:subject/consents/:client_id -> 204 (forgets it, revokes its tokens)
 *
 * Every call carries `Authorization: Bearer <ADMIN_API_SECRET>`.
 */

export const ADMIN_API_PATHS = {
  loginRequest: (challenge: string) => `/admin/login-requests/${encodeURIComponent(challenge)}`,
  consentRequest: (challenge: string) => `/admin/consent-requests/${encodeURIComponent(challenge)}`,
  subjectConsents: (subject: string) => `/admin/subjects/${encodeURIComponent(subject)}/consents`,
  subjectConsent: (subject: string, clientId: string) =>
    `/admin/subjects/${encodeURIComponent(subject)}/consents/${encodeURIComponent(clientId)}`,
} as const;

const ClientSummarySchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
});

/**
 * The `prompt` values of the authorization request (OIDC Core §3.1.2.1), unknown ones left out:
 * `login` means "show the login form even if you remember the user", `consent` "ask again".
 */
const PromptSchema = z.array(z.string()).default([]);

/**
 * The largest `max_age` auth-server accepts at /authorize (10 years, in seconds). OIDC Core §3.1.2.1
 * sets no bound; a larger value would mean "any authentication", which omitting `max_age` says.
 */
export const MAX_AGE_MAX_SECONDS = 10 * 365 * 24 * 60 * 60;

export const LoginRequestSchema = z.object({
  challenge: z.string(),
  client: ClientSummarySchema,
  requested_scope: z.array(z.string()),
  expires_at: z.string(),
  /**
   * As in Hydra: true when auth-server already knows the user is logged in. auth-server keeps no
   * login sessions (login-ui does), so it is always false here.
   */
  skip: z.boolean().default(false),
  prompt: PromptSchema,
  /**
   * Not in Hydra (which keeps the login sessions itself): the client's `max_age` (OIDC Core
   * §3.1.2.1), absent when it sent none. login-ui may sign the user in from its own session only
   * if the user typed the password at most this many seconds ago (0: always the form); auth-server
   * refuses an accept whose `authenticated_at` is older.
   */
  max_age: z.number().int().min(0).max(MAX_AGE_MAX_SECONDS).optional(),
  /**
   * Not in Hydra: the flow id of the authorization request behind this challenge (a hash of its
   * `state`, see libs/flow-log), so login-ui's log lines join the same story. Absent without `state`.
   */
  flow_id: z.string().optional(),
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
    /**
     * Not in Hydra (which knows it from its own sessions): when the user really authenticated, in
     * seconds since the epoch: now after the password form, the time of the password sign-in behind
     * a login-ui session for a silent sign-in. It becomes the id_token's `auth_time` (OIDC Core
     * §2). auth-server refuses one in the future, one older than the request's `max_age`, and with
     * `prompt=login` one earlier than the authorization request.
     */
    authenticated_at: z.number().int().min(0),
  })
  .strict();
export type AcceptLoginRequest = z.input<typeof AcceptLoginRequestSchema>;

export const ConsentRequestSchema = z.object({
  challenge: z.string(),
  client: ClientSummarySchema,
  subject: z.string(),
  requested_scope: z.array(z.string()),
  expires_at: z.string(),
  /**
   * True when the user consented to this client before with `remember`, for every requested scope,
   * and `prompt` does not include `consent`. login-ui then accepts at once without a page; the
   * consent is still given through this API, never skipped by auth-server alone (Hydra's model).
   */
  skip: z.boolean().default(false),
  prompt: PromptSchema,
  /**
   * Not in Hydra: the flow id of the authorization request behind this challenge (a hash of its
   * `state`, see libs/flow-log), so login-ui's log lines join the same story. Absent without `state`.
   */
  flow_id: z.string().optional(),
});
export type ConsentRequest = z.infer<typeof ConsentRequestSchema>;

export const AcceptConsentRequestSchema = z
  .object({
    grant_scope: z.array(z.string().min(1)),
    /** Remember this decision for the client: later requests within these scopes get `skip`. */
    remember: z.boolean().default(false),
  })
  .strict();
export type AcceptConsentRequest = z.input<typeof AcceptConsentRequestSchema>;

/** A remembered consent, as the user's "connected apps" list shows it. */
export const RememberedConsentSchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
  scope: z.array(z.string()),
  /** ISO 8601, when the user last chose "remember". */
  remembered_at: z.string(),
});
export type RememberedConsent = z.infer<typeof RememberedConsentSchema>;
export const RememberedConsentListSchema = z.array(RememberedConsentSchema);

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
