import type { FastifyReply } from 'fastify';
import type { HttpRequest } from '../http/http-request';

/**
 * Binds an authorization request to the browser that started it, like Hydra's login CSRF cookie:
 * /authorize sets a random value in a cookie, and the steps that continue the request after login and
 * consent accept only a browser presenting it. A login or consent verifier leaked to another browser
 * (a forwarded link, a log) is then useless there. Each request has its own cookie, so flows in two
 * tabs do not disturb each other. Path-scoped to /authorize: no other route ever receives it.
 *
 * The cookies are @fastify/cookie's (registered in app.setup.ts): `reply.setCookie` writes one,
 * `request.cookies` holds those received.
 */
const COOKIE_PREFIX = 'auth_server.binding.';
const COOKIE_PATH = '/authorize';

function cookieName(requestId: string): string {
  return COOKIE_PREFIX + requestId;
}

/** The reply of /authorize, which sets the cookie. */
export type CookieReply = Pick<FastifyReply, 'setCookie'>;

export function setBindingCookie(
  reply: CookieReply,
  requestId: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds: number },
): void {
  reply.setCookie(cookieName(requestId), value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: COOKIE_PATH,
    maxAge: options.maxAgeSeconds,
  });
}

export function readBindingCookie(
  request: Pick<HttpRequest, 'cookies'>,
  requestId: string,
): string | undefined {
  return request.cookies?.[cookieName(requestId)];
}
