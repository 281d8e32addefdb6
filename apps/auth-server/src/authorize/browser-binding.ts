import type { FastifyReply } from 'fastify';
import type { HttpRequest } from '../http/http-request';

/**
 * Binds an authorization request to the browser that started it, like Hydra's login CSRF cookie:
 * /authorize sets a random value in a cookie, and the steps that continue the request after login and
 * consent accept only a browser presenting it. A login or consent verifier leaked to another browser
 * (a forwarded link, a log) is then useless there. Each request has its own cookie, so flows in two
 * tabs do not disturb each other. Path-scoped to /authorize: no other route ever receives it.
 *
 * Bounded (docs/security-cases.md, case 49): a cookie is cleared when its authorization ends (the
 * authorization response is sent, or the login was rejected), and /authorize keeps at most
 * MAX_BINDING_COOKIES of them in a browser, clearing the oldest. Without both, every abandoned start
 * would leave a cookie for the request's lifetime, and after about 150 starts the browser's Cookie
 * header would pass Node's 16 KiB header limit: every /authorize would answer 431.
 *
 * The cookie's name carries the time the request started, in milliseconds, and the request's id,
 * `auth_server.binding.<started>.<id>`, so that the oldest can be told apart without a database
 * read. The cookies are @fastify/cookie's (registered in app.setup.ts): `reply.setCookie` writes
 * one, `request.cookies` holds those received.
 */
const COOKIE_PATH = '/authorize';
const BINDING_COOKIE_NAME = /^auth_server\.binding\.(\d{1,15})\.([0-9a-f-]{36})$/;

/** How many authorizations a browser may have in progress at once, e.g. in as many tabs. */
export const MAX_BINDING_COOKIES = 20;

/** The reply of the routes that set or clear the cookie. */
export type CookieReply = Pick<FastifyReply, 'setCookie' | 'clearCookie'>;

type CookieRequest = Pick<HttpRequest, 'cookies'>;

function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax', secure, path: COOKIE_PATH } as const;
}

/** The binding cookies a browser sent, newest first. */
function bindingCookies(
  req: CookieRequest,
): { name: string; startedAt: number; requestId: string }[] {
  return Object.keys(req.cookies ?? {})
    .flatMap((name) => {
      const match = BINDING_COOKIE_NAME.exec(name);
      return match ? [{ name, startedAt: Number(match[1]), requestId: match[2] }] : [];
    })
    .sort((a, b) => b.startedAt - a.startedAt);
}

/**
 * /authorize: the new request's cookie, after clearing the oldest of those the browser sent so that
 * at most MAX_BINDING_COOKIES remain with the new one.
 */
export function setBindingCookie(
  req: CookieRequest,
  reply: CookieReply,
  requestId: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds: number },
): void {
  for (const { name } of bindingCookies(req).slice(MAX_BINDING_COOKIES - 1)) {
    reply.clearCookie(name, cookieOptions(options.secure));
  }
  reply.setCookie(`auth_server.binding.${Date.now()}.${requestId}`, value, {
    ...cookieOptions(options.secure),
    maxAge: options.maxAgeSeconds,
  });
}

/** The value of the cookie that binds `requestId` to this browser, if it sent one. */
export function readBindingCookie(req: CookieRequest, requestId: string): string | undefined {
  const cookie = bindingCookies(req).find((binding) => binding.requestId === requestId);
  return cookie && req.cookies?.[cookie.name];
}

/** The authorization has ended: the browser forgets its cookie. */
export function clearBindingCookie(
  req: CookieRequest,
  reply: CookieReply,
  requestId: string,
  options: { secure: boolean },
): void {
  for (const { name } of bindingCookies(req).filter((binding) => binding.requestId === requestId)) {
    reply.clearCookie(name, cookieOptions(options.secure));
  }
}
