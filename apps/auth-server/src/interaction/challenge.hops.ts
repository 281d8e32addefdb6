import { Injectable } from '@nestjs/common';
import type { AdminApiError } from '@oauth-flow-lab/contracts';
import { FlowLog, shorten } from '@oauth-flow-lab/flow-log';
import { type HttpRequest, pathOf } from '../http/http-request';
import { errorText, locationText, words } from '../flow/hop-text';

/**
 * auth-server's log lines of step 2 on the admin API: login-ui reports the user's login and consent
 * decisions (`login-ui → auth-server`), and learns where to send the browser next.
 *
 *     step 2 · login-ui → auth-server · back channel · PUT /admin/login-requests/Qm9vb3Rz…/accept
 *       subject=3f8a6c2e-… → 200 redirect_to http://localhost:3000/authorize/after-login login_verifier=Zx12abcd…
 *
 * The admin API is a server-to-server call inside step 2, so these lines say `back channel`; the
 * decision it carries then travels on through the browser (front channel).
 * Challenges and verifiers are shortened: 8 characters match login-ui's line, and are useless.
 * A rejection is logged at warn (ok: false), like login-ui's: the client will get an error, not a code.
 */
@Injectable()
export class ChallengeHops {
  constructor(private readonly flowLog: FlowLog) {}

  decided(
    kind: 'login' | 'consent',
    challenge: string,
    action: 'accept' | 'reject',
    detail: string,
    redirectTo: string,
  ): void {
    this.flowLog.hop({
      step: 2,
      from: 'login-ui',
      to: 'auth-server',
      // The admin API: login-ui calls auth-server server to server, inside step 2.
      channel: 'back channel',
      request: words(`PUT /admin/${kind}-requests/${shorten(challenge)}/${action}`, detail),
      outcome: `200 redirect_to ${locationText(redirectTo)}`,
      ok: action === 'accept',
    });
  }

  /** A refused call about a challenge (unknown, expired, already handled, bad body, no secret). */
  refused(req: HttpRequest, status: number, body: AdminApiError): void {
    const match = CHALLENGE_PATH.exec(pathOf(req));
    if (match === null) {
      return;
    }
    const [, kind, challenge, action] = match;
    this.flowLog.hop({
      step: 2,
      from: 'login-ui',
      to: 'auth-server',
      // The admin API: login-ui calls auth-server server to server, inside step 2.
      channel: 'back channel',
      request: `${req.method} /admin/${kind}-requests/${shorten(challenge)}${action ?? ''}`,
      outcome: `${status} ${errorText(body.error, body.error_description)}`,
      ok: false,
    });
  }
}

const CHALLENGE_PATH = /^\/admin\/(login|consent)-requests\/([^/]+)(\/accept|\/reject)?\/?$/;
