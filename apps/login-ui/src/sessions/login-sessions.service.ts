import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { cookieName } from '@oauth-flow-lab/config';
import type { CookieOptions, Request, Response } from 'express';
import { LessThan, type Repository } from 'typeorm';
import { LOGIN_UI_CONFIG, type LoginUiConfig } from '../config/login-ui.config';
import { ownField } from '../forms/form-fields';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { LoginSession } from './login-session.entity';

/**
 * Cookie names carry the app name: browsers share localhost cookies across ports. Over https the
 * name is `__Host-login_ui.session` (cookieName, libs/config), so a sibling subdomain or an http
 * page cannot plant its own session in the browser (case 54).
 */
export const SESSION_COOKIE = 'login_ui.session';

/** `<id>.<HMAC-SHA-256(SESSION_SECRET, id)>`, both base64url. */
const COOKIE_VALUE = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/**
 * login-ui's own login sessions, so a returning user skips the login form (auth-server keeps none;
 * its login requests always say `skip: false`). A session is a random 256-bit id, kept in the
 * browser in an HttpOnly cookie signed with SESSION_SECRET, and in login-ui's sqlite as a digest
 * with the user and an absolute expiry. Why a database row and not just a signed cookie holding the
 * user id: signing out really ends the session (a copied cookie dies with the row), and sessions
 * still survive a restart because the rows are in the same file as the users.
 */
@Injectable()
export class LoginSessions {
  private readonly cookieOptions: CookieOptions;
  private readonly cookie: string;

  constructor(
    @Inject(LOGIN_UI_CONFIG) private readonly config: LoginUiConfig,
    @InjectRepository(LoginSession) private readonly sessions: Repository<LoginSession>,
    private readonly users: UsersService,
  ) {
    this.cookieOptions = {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
    };
    this.cookie = cookieName(SESSION_COOKIE, config.secureCookies);
  }

  /**
   * Starts a session for `user`, replacing the browser's current one. `persistent`: the cookie
   * outlives the browser ("Keep me signed in"); otherwise it is a browser-session cookie.
   */
  async start(req: Request, res: Response, user: User, persistent: boolean): Promise<void> {
    await this.end(req, res);
    const id = randomBytes(32).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const ttl = this.config.session.ttlSeconds;
    await this.sessions.delete({ expiresAt: LessThan(now) });
    await this.sessions.insert({
      idDigest: digest(id),
      userId: user.id,
      createdAt: now,
      expiresAt: now + ttl,
    });
    res.cookie(this.cookie, `${id}.${this.sign(id)}`, {
      ...this.cookieOptions,
      ...(persistent ? { maxAge: ttl * 1000 } : {}),
    });
  }

  /** The signed-in user, or null: no cookie, a bad signature, an unknown or expired session. */
  async currentUser(req: Request): Promise<User | null> {
    return (await this.current(req))?.user ?? null;
  }

  /**
   * The signed-in user and the session's key (the digest of its id, as stored: never the id
   * itself, which is the cookie's secret), or null. The guessing limits count a browser's own
   * session apart from its address (login/login-throttle.ts). `authenticatedAt`: when the user
   * last typed the password for this session, the `auth_time` of a sign-in from it (case 52).
   */
  async current(
    req: Request,
  ): Promise<{ user: User; sessionKey: string; authenticatedAt: number } | null> {
    const session = await this.find(req);
    const user = session ? await this.users.findById(session.userId) : null;
    return session && user
      ? { user, sessionKey: session.idDigest, authenticatedAt: session.createdAt }
      : null;
  }

  /**
   * The session's user typed the password again (the form was shown for `prompt=login` or an
   * exceeded `max_age`): its authentication time moves to `authenticatedAt`, so the next silent
   * sign-in reports this one. The same row and cookie: "Keep me signed in" (a persistent cookie or
   * not) and the absolute expiry stay as they were, which starting a new session could not keep.
   */
  async reauthenticated(req: Request, authenticatedAt: number): Promise<void> {
    const id = this.sessionId(req);
    if (id !== undefined) {
      await this.sessions.update({ idDigest: digest(id) }, { createdAt: authenticatedAt });
    }
  }

  /** Sign out: the session row is deleted and the cookie cleared. */
  async end(req: Request, res: Response): Promise<void> {
    const id = this.sessionId(req);
    if (id !== undefined) {
      await this.sessions.delete({ idDigest: digest(id) });
      res.clearCookie(this.cookie, this.cookieOptions);
    }
  }

  private async find(req: Request): Promise<LoginSession | null> {
    const id = this.sessionId(req);
    if (id === undefined) {
      return null;
    }
    const session = await this.sessions.findOneBy({ idDigest: digest(id) });
    return session && session.expiresAt > Math.floor(Date.now() / 1000) ? session : null;
  }

  /** The session id of a well-formed cookie whose signature verifies (compared in constant time). */
  private sessionId(req: Request): string | undefined {
    const value = ownField(req.cookies, this.cookie);
    const match = typeof value === 'string' ? COOKIE_VALUE.exec(value) : null;
    if (!match) {
      return undefined;
    }
    const [, id, signature] = match;
    const expected = Buffer.from(this.sign(id));
    return timingSafeEqual(Buffer.from(signature), expected) ? id : undefined;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.config.session.secret).update(id).digest('base64url');
  }
}

function digest(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
