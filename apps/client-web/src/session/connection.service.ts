import { Injectable } from '@nestjs/common';
import type { TokenResponse } from '@oauth-flow-lab/contracts';
import type { Request, Response } from 'express';
import { CSRF_COOKIE_NAME } from '../csrf/csrf.service';
import { SESSION_COOKIE_NAME } from './session.middleware';
import { destroySession, regenerateSession } from './session-lifecycle';

/**
 * Connecting and disconnecting this browser. The tokens are kept server-side, in the session; the
 * browser only ever holds the session cookie.
 */
@Injectable()
export class ConnectionService {
  /**
   * After step 4. The session gets a new id first (against session fixation): an id an attacker
   * managed to plant in the browser before the login is not the one that now holds the tokens.
   */
  async connect(req: Request, tokens: TokenResponse): Promise<void> {
    await regenerateSession(req);
    req.session.connection = {
      accessToken: tokens.access_token,
      scope: tokens.scope,
      expiresAt: Math.floor(Date.now() / 1000) + tokens.expires_in,
      refreshToken: tokens.refresh_token,
    };
  }

  /**
   * Forgets the tokens by destroying the whole session. They stay valid at auth-server until they
   * expire; revoking them (RFC 7009) is a later step.
   */
  async disconnect(req: Request, res: Response): Promise<void> {
    await destroySession(req);
    res.clearCookie(SESSION_COOKIE_NAME, { path: '/' });
    res.clearCookie(CSRF_COOKIE_NAME, { path: '/' });
  }
}
