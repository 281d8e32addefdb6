import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { CookieOptions, Request, Response } from 'express';
import { LOGIN_UI_CONFIG, type LoginUiConfig } from '../config/login-ui.config';
import { ownField } from '../forms/form-fields';

/** Cookie names carry the app name: browsers share localhost cookies across ports. */
export const CSRF_COOKIE = 'login_ui.csrf';
export const BROWSER_ID_COOKIE = 'login_ui.browser_id';
/** The hidden form field that carries the token back. */
export const CSRF_FIELD = '_csrf';

const BROWSER_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * CSRF protection of the login and consent forms (docs/security-cases.md, case 10), with
 * csrf-csrf's double-submit cookie: the token is in an HttpOnly cookie and in a hidden field of the
 * form, and a POST is accepted only when both are present, equal, and carry a valid HMAC.
 *
 * The HMAC also covers a random per-browser id kept in its own HttpOnly cookie (csrf-csrf v4's
 * `getSessionIdentifier`). login-ui has no session, so this id plays that part: a token minted for
 * one browser is worthless in another.
 */
@Injectable()
export class CsrfService {
  private readonly csrf: DoubleCsrfUtilities;
  private readonly cookieOptions: CookieOptions;
  /** Browser ids minted during this request, before the browser has sent them back. */
  private readonly newBrowserIds = new WeakMap<Request, string>();

  constructor(@Inject(LOGIN_UI_CONFIG) config: LoginUiConfig) {
    this.cookieOptions = {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
    };
    this.csrf = doubleCsrf({
      getSecret: () => config.csrfSecret,
      getSessionIdentifier: (req) => this.browserId(req) ?? '',
      cookieName: CSRF_COOKIE,
      cookieOptions: this.cookieOptions,
      // Only from the form body, never from the cookie (that would check the cookie against itself).
      getCsrfTokenFromRequest: (req) => {
        const value = ownField(req.body, CSRF_FIELD);
        return typeof value === 'string' ? value : undefined;
      },
    });
  }

  /** The token to put in a form's `_csrf` field; sets the cookies it is checked against. */
  issue(req: Request, res: Response): string {
    if (!this.browserId(req)) {
      const id = randomBytes(16).toString('base64url');
      res.cookie(BROWSER_ID_COOKIE, id, this.cookieOptions);
      this.newBrowserIds.set(req, id);
    }
    return this.csrf.generateCsrfToken(req, res);
  }

  /** True when the POST carries the browser id cookie and a matching token in cookie and form. */
  isValid(req: Request): boolean {
    return browserIdCookie(req) !== undefined && this.csrf.validateRequest(req);
  }

  private browserId(req: Request): string | undefined {
    return this.newBrowserIds.get(req) ?? browserIdCookie(req);
  }
}

function browserIdCookie(req: Request): string | undefined {
  const value = ownField(req.cookies, BROWSER_ID_COOKIE);
  return typeof value === 'string' && BROWSER_ID.test(value) ? value : undefined;
}
