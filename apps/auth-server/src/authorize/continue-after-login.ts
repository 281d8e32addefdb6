import { Inject, Injectable } from '@nestjs/common';
import type { HttpRequest } from '../http/http-request';
import { randomToken, sha256Digest } from '../common/random';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { alreadyUsed, findByVerifier } from '../interaction/find-by-verifier';
import { InteractionStore } from '../interaction/interaction-store';
import { rejectionResponse } from '../interaction/user-rejection';
import { AuthorizeHops } from './authorize.hops';
import { clearBindingCookie, type CookieReply } from './browser-binding';

/**
 * Step 2, between login and consent: login-ui accepted (or rejected) the login and sent the browser
 * back here with a login verifier. An accepted login moves on to consent (login-ui's consent page with
 * a fresh consent challenge); a rejected one goes back to the client with the error (RFC 6749 §4.1.2.1).
 */
@Injectable()
export class ContinueAfterLogin {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly store: InteractionStore,
    private readonly hops: AuthorizeHops,
  ) {}

  /** Returns where to send the browser next. */
  async continue(
    verifier: string | undefined,
    req: HttpRequest,
    reply: CookieReply,
  ): Promise<string> {
    const request = await findByVerifier(this.store, 'loginVerifierDigest', verifier, req);

    if (request.phase === 'login_rejected') {
      // The authorization ends here: the browser's binding cookie is of no more use.
      clearBindingCookie(req, reply, request.id, { secure: this.config.secureCookies });
      if (!(await this.store.transition(request.id, 'login_rejected', { phase: 'done' }))) {
        throw alreadyUsed();
      }
      throw rejectionResponse(request);
    }

    const consentChallenge = randomToken();
    const moved = await this.store.transition(request.id, 'login_accepted', {
      phase: 'consent',
      consentChallengeDigest: sha256Digest(consentChallenge),
    });
    if (!moved) {
      throw alreadyUsed();
    }
    const consentUrl = new URL('/consent', this.config.loginUiUrl);
    consentUrl.searchParams.set('consent_challenge', consentChallenge);
    this.hops.consentPageSent(verifier, consentUrl.toString());
    return consentUrl.toString();
  }
}
