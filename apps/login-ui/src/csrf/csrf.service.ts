import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { cookieName } from '@oauth-flow-lab/config';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { CookieOptions, Request, Response } from 'express';
import { LOGIN_UI_CONFIG, type LoginUiConfig } from '../config/login-ui.config';
import { ownField } from '../forms/form-fields';

/**
 * Cookie names carry the app name: browsers share localhost cookies across ports. Over https the
 * names get the `__Host-` prefix (cookieName, libs/config): see below why.
 */
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
 * `getSessionIdentifier`). login-ui has no session before sign-in, so this id plays that part: a
 * token minted for one browser is worthless in another.
 *
 * Login CSRF with planted cookies (case 54), and why the defence is the `__Host-` prefix rather
 * than a server-side anonymous session. The attack: someone who can set cookies for login-ui's
 * host (a sibling subdomain with `Domain=`, or a plain-http page on the same host name) fetches a
 * login page in their own browser, plants that browser id and CSRF cookie in the victim's browser,
 * and has the victim post the login form with the matching token and the attacker's credentials;
 * the victim is then signed in as the attacker, in login-ui and, by single sign-on, in the
 * clients. Binding the token to a server-side pre-session record would not stop this: the
 * attacker gets a valid record (and a valid signed id, so signing the id would not either) just by
 * visiting, and plants its cookie the same way. What stops it is a cookie the attacker cannot
 * plant: over https every login-ui cookie (browser id, CSRF, login session) is `__Host-` prefixed,
 * which browsers accept only from this exact host over https, and login-ui reads only those names,
 * so planted plain-named cookies are ignored and the POST gets 403. The browser id then holds the
 * place of a session id, as unplantable as one. Over http (the local demo) browsers refuse the
 * prefix and nothing can stop a planted cookie: a documented limit of the demo.
 *
 * At sign-in, LoginSessions.start always issues a new login session id (it ends the browser's
 * current one first): an id someone knew before the sign-in never becomes the victim's session
 * (no session fixation).
 */
@Injectable()
export class CsrfService {
  private readonly csrf: DoubleCsrfUtilities;
  private readonly cookieOptions: CookieOptions;
  private readonly browserIdCookie: string;
  /** Browser ids minted during this request, before the browser has sent them back. */
  private readonly newBrowserIds = new WeakMap<Request, string>();

  constructor(@Inject(LOGIN_UI_CONFIG) config: LoginUiConfig) {
    this.cookieOptions = {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
    };
    this.browserIdCookie = cookieName(BROWSER_ID_COOKIE, config.secureCookies);
    this.csrf = doubleCsrf({
      getSecret: () => config.csrfSecret,
      getSessionIdentifier: (req) => this.browserId(req) ?? '',
      cookieName: cookieName(CSRF_COOKIE, config.secureCookies),
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
      res.cookie(this.browserIdCookie, id, this.cookieOptions);
      this.newBrowserIds.set(req, id);
    }
    return this.csrf.generateCsrfToken(req, res);
  }

  /** True when the POST carries the browser id cookie and a matching token in cookie and form. */
  isValid(req: Request): boolean {
    return this.browserIdFromCookie(req) !== undefined && this.csrf.validateRequest(req);
  }

  private browserId(req: Request): string | undefined {
    return this.newBrowserIds.get(req) ?? this.browserIdFromCookie(req);
  }

  private browserIdFromCookie(req: Request): string | undefined {
    const value = ownField(req.cookies, this.browserIdCookie);
    return typeof value === 'string' && BROWSER_ID.test(value) ? value : undefined;
  }
}
