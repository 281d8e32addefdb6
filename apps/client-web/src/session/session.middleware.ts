import { cookieName } from '@oauth-flow-lab/config';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { ClientWebConfig } from '../config/client-web.config';

export const SESSION_COOKIE_NAME = 'client_web.sid';

/** Injection token of the session store (created by createSessionStore, session.store.ts). */
export const SESSION_STORE = Symbol('SESSION_STORE');

/**
 * The server-side session: the browser gets only a signed, HttpOnly id cookie. Cookie names are
 * prefixed with the app name because browsers share localhost cookies across ports; over https the
 * name is `__Host-client_web.sid` (cookieName, libs/config), so a sibling subdomain or an http page
 * cannot plant a session of its own (connected to the attacker's account) in the browser (case 54).
 */
export function sessionMiddleware(config: ClientWebConfig, store: session.Store): RequestHandler {
  return session({
    name: cookieName(SESSION_COOKIE_NAME, config.secureCookies),
    secret: config.session.secret,
    store,
    resave: false,
    // No session (and no cookie) until something is stored: step 1 stores the pending request.
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
    },
  });
}
