import { Injectable } from '@nestjs/common';
import { FlowLog, logSafe } from '@oauth-flow-lab/flow-log';
import { type HttpRequest, pathOf } from '../http/http-request';
import { type RenderedRefusal, refusalOutcome } from '../errors/rendered-refusal';
import {
  CLIENT_PARTY,
  locationText,
  scopeText,
  sentParameter,
  shortenedParameter,
  words,
} from '../flow/hop-text';
import type { AuthorizationRequestEntity } from '../interaction/authorization-request.entity';

/**
 * auth-server's log lines of the front channel (steps 1 and 2, through the browser), one per hop,
 * each named after the party that sent the browser:
 *
 *     step 1 · client-web → auth-server · front channel · GET /authorize response_type=code
 *       client_id=client-web … → 303 to http://localhost:3001/login login_challenge=Qm9vb3Rz…
 *     step 2 · login-ui → auth-server · front channel · GET /authorize/after-login
 *       login_verifier=Zx12abcd… → 303 to http://localhost:3001/consent consent_challenge=Ab12cdef…
 *     step 2 · auth-server → client-web · front channel · 303 to http://localhost:3002/callback
 *       code=Yt3kq9Zr… state=af0ifjsl… iss=http://localhost:3000 → code issued …
 *
 * The flow id is the one of the request's `state` (flow/flow-of-state.ts), joined before these
 * run. Refusals are written by OAuthExceptionFilter, which renders them, through `refused`.
 */
@Injectable()
export class AuthorizeHops {
  constructor(private readonly flowLog: FlowLog) {}

  /** Step 1 passed every check (authorize.steps.ts): the browser goes to login-ui to log in. */
  loginPageSent(query: Readonly<Record<string, unknown>>, loginUrl: string): void {
    this.flowLog.hop({
      step: 1,
      from: CLIENT_PARTY,
      to: 'auth-server',
      request: authorizeRequestText(query),
      outcome: `303 to ${locationText(loginUrl)}`,
      ok: true,
    });
  }

  /** Step 2, between login and consent: login-ui accepted the login, on to its consent page. */
  consentPageSent(verifier: string | undefined, consentUrl: string): void {
    this.flowLog.hop({
      step: 2,
      from: 'login-ui',
      to: 'auth-server',
      request: words(
        'GET /authorize/after-login',
        shortenedParameter({ login_verifier: verifier }, 'login_verifier'),
      ),
      outcome: `303 to ${locationText(consentUrl)}`,
      ok: true,
    });
  }

  /**
   * The end of step 2: the authorization response (RFC 6749 §4.1.2) takes the code to the client's
   * redirect_uri. The code is shortened: 8 characters match client-web's line, and are useless.
   */
  codeIssued(
    authorizationResponse: string,
    request: AuthorizationRequestEntity,
    ttlSeconds: number,
  ): void {
    this.flowLog.hop({
      step: 2,
      from: 'auth-server',
      to: CLIENT_PARTY,
      request: `303 to ${locationText(authorizationResponse)}`,
      outcome: words(
        `code issued to ${request.clientId}`,
        `for subject ${request.subject ?? '(none)'}`,
        `(scope ${scopeText(request.grantedScope ?? [])}, single use, expires in ${ttlSeconds} s)`,
      ),
      ok: true,
    });
  }

  /**
   * A refused /authorize (step 1), or a refused return from login-ui (step 2): a user who said no
   * (`error=access_denied` to the client), another browser, an expired or spent request. The line
   * of an error redirect is auth-server's hop to the client; an error page is the end of the road
   * for the browser that brought the request.
   */
  refused(req: HttpRequest, refusal: RenderedRefusal): void {
    if (pathOf(req) === '/authorize') {
      this.flowLog.hop({
        step: 1,
        from: CLIENT_PARTY,
        to: 'auth-server',
        request: authorizeRequestText(req.query),
        outcome: refusalOutcome(refusal),
        ok: false,
      });
      return;
    }
    const verifierName = RETURNS_FROM_LOGIN_UI[pathOf(req)];
    if (verifierName === undefined) {
      return;
    }
    if (refusal.kind === 'redirect') {
      this.flowLog.hop({
        step: 2,
        from: 'auth-server',
        to: CLIENT_PARTY,
        request: `303 to ${locationText(refusal.location)}`,
        outcome: `no code: ${refusal.location.searchParams.get('error') ?? 'error'}`,
        ok: false,
      });
      return;
    }
    this.flowLog.hop({
      step: 2,
      from: 'login-ui',
      to: 'auth-server',
      request: words(`GET ${pathOf(req)}`, shortenedParameter(req.query, verifierName)),
      outcome: refusalOutcome(refusal),
      ok: false,
    });
  }
}

/** The routes the browser returns to from login-ui, and the verifier each one carries. */
const RETURNS_FROM_LOGIN_UI: Readonly<Record<string, string | undefined>> = {
  '/authorize/after-login': 'login_verifier',
  '/authorize/after-consent': 'consent_verifier',
};

/**
 * GET /authorize as the client sent it (RFC 6749 §4.1.1, RFC 7636 §4.3), the way it arrived, valid or
 * not: `state` and `code_challenge` shortened, `nonce` left out.
 */
export function authorizeRequestText(query: Readonly<Record<string, unknown>>): string {
  const method = query['code_challenge_method'];
  return words(
    'GET /authorize',
    sentParameter(query, 'response_type'),
    sentParameter(query, 'client_id'),
    sentParameter(query, 'redirect_uri'),
    sentParameter(query, 'scope'),
    shortenedParameter(query, 'state'),
    shortenedParameter(query, 'code_challenge'),
    typeof method === 'string' && method !== '' ? `(${logSafe(method, 20)})` : '',
    sentParameter(query, 'prompt'),
  );
}
