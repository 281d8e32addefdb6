import type { Request, Response } from 'express';

/**
 * Binds an authorization request to the browser that started it, like Hydra's login CSRF cookie:
 * /authorize sets a random value in a cookie, and the steps that continue the request after login and
 * consent accept only a browser presenting it. A login or consent verifier leaked to another browser
 * (a forwarded link, a log) is then useless there. Each request has its own cookie, so flows in two
 * tabs do not disturb each other. Path-scoped to /authorize: no other route ever receives it.
 */
const COOKIE_PREFIX = 'auth_server.binding.';
const COOKIE_PATH = '/authorize';

function cookieName(requestId: string): string {
  return COOKIE_PREFIX + requestId;
}

export function setBindingCookie(
  res: Response,
  requestId: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds: number },
): void {
  res.cookie(cookieName(requestId), value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: COOKIE_PATH,
    maxAge: options.maxAgeSeconds * 1000,
  });
}

export function readBindingCookie(req: Request, requestId: string): string | undefined {
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const value = cookies?.[cookieName(requestId)];
  return typeof value === 'string' ? value : undefined;
}

export function clearBindingCookie(res: Response, requestId: string): void {
  res.clearCookie(cookieName(requestId), { path: COOKIE_PATH });
}
