import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { cookieName } from '@oauth-flow-lab/config';
import { type DoubleCsrfUtilities, doubleCsrf } from 'csrf-csrf';
import type { CookieOptions, Request, Response } from 'express';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';

export const CSRF_COOKIE_NAME = 'client_web.csrf';
export const CSRF_FIELD_NAME = '_csrf';

/**
 * CSRF protection of the POST forms (Disconnect, Create note), with csrf-csrf's signed double-submit
 * cookie: the token is an HMAC bound to the session id, sent both as a cookie and as the hidden
 * `_csrf` field. SameSite=Lax is not enough here: login-ui on localhost:3001 is *same-site* with
 * localhost:3002 (ports do not make a site), so a page there could post to us with our cookies.
 * Over https both cookies are `__Host-` prefixed (cookieName, libs/config): a sibling subdomain or
 * an http page cannot plant a session and a token minted for it (case 54).
 */
@Injectable()
export class CsrfService {
  private readonly csrf: DoubleCsrfUtilities;
  private readonly cookieName: string;
  private readonly cookieOptions: CookieOptions;

  constructor(@Inject(CLIENT_WEB_CONFIG) config: ClientWebConfig) {
    this.cookieName = cookieName(CSRF_COOKIE_NAME, config.secureCookies);
    this.cookieOptions = {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
    };
    // A key of its own, derived from the session secret, so the two never share a key.
    const csrfKey = createHmac('sha256', config.session.secret).update('client-web csrf').digest();
    this.csrf = doubleCsrf({
      getSecret: () => csrfKey.toString('hex'),
      getSessionIdentifier: (req) => req.sessionID,
      cookieName: this.cookieName,
      cookieOptions: this.cookieOptions,
      getCsrfTokenFromRequest: (req) => fieldOf(req),
    });
  }

  /** The token to put in the hidden `_csrf` field (and its cookie on the response). */
  tokenFor(req: Request, res: Response): string {
    return this.csrf.generateCsrfToken(req, res);
  }

  isValid(req: Request): boolean {
    return this.csrf.validateRequest(req);
  }

  /** Clears the CSRF cookie (same name and attributes, or a `__Host-` cookie is not cleared). */
  forget(res: Response): void {
    res.clearCookie(this.cookieName, this.cookieOptions);
  }
}

function fieldOf(req: Request): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || !(CSRF_FIELD_NAME in body)) {
    return undefined;
  }
  const value: unknown = (body as Record<string, unknown>)[CSRF_FIELD_NAME];
  return typeof value === 'string' ? value : undefined;
}
