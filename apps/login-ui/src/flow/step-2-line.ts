import { type FlowHop, redactUrl, shorten } from '@oauth-flow-lab/flow-log';

/**
 * The wording of login-ui's log lines, shared by LoginHops and ConsentHops. login-ui takes part in
 * step 2 only: the user's browser brings it a challenge, the user signs in and consents, and
 * login-ui tells auth-server's admin API the decision.
 *
 * One line per browser request (`browser → login-ui`, front channel). When the request ends in a
 * decision sent to the admin API, the same line names that call and where the browser goes next,
 * rather than a line of its own: auth-server writes its side of the call (`login-ui → auth-server ·
 * back channel · PUT …/accept`), so one line per side tells it.
 *
 *     step 2 · browser → login-ui · front channel · POST /login login_challenge=Qm9vb3Rz…
 *       client_id=client-web → accepted for alice: PUT /admin/login-requests/Qm9vb3Rz…/accept
 *       subject=3f8a6c2e-… → 303 to http://localhost:3000/authorize/continue?login_verifier=Zx12abcd…
 *
 * Challenges and verifiers are shortened (8 characters: enough to match auth-server's line, far
 * too little to use one); the password and the CSRF token never reach these functions.
 */
export function step2Line(request: string, outcome: string, ok: boolean): FlowHop {
  return { step: 2, from: 'browser', to: 'login-ui', request, outcome, ok };
}

/** `login_challenge=Qm9vb3Rz… client_id=client-web`: which request, for which client. */
export function challengeOf(
  name: 'login_challenge' | 'consent_challenge',
  challengeRequest: { challenge: string; client: { client_id: string } },
): string {
  return `${name}=${shorten(challengeRequest.challenge)} client_id=${challengeRequest.client.client_id}`;
}

/**
 * The decision login-ui sent to the admin API and where it sends the browser:
 * `PUT /admin/consent-requests/Qm9vb3Rz…/reject error=access_denied → 303 to http://…`.
 * redirect_to carries the next single-use verifier: redactUrl shortens it.
 */
export function decisionSent(
  kind: 'login' | 'consent',
  challenge: string,
  action: 'accept' | 'reject',
  detail: string,
  redirectTo: string,
): string {
  return `PUT /admin/${kind}-requests/${shorten(challenge)}/${action} ${detail} → 303 to ${redactUrl(redirectTo)}`;
}

/** Scopes as the `scope` parameter writes them (RFC 6749 §3.3): space-separated. */
export function scopeList(scopes: readonly string[]): string {
  return scopes.length === 0 ? '(none)' : scopes.join(' ');
}
