import type { Response } from 'express';

/**
 * What a form POST ends in: a page (e.g. the login form again, 401), or a redirect to where
 * auth-server said the browser goes next. After a POST the redirect is always 303 See Other, so the
 * browser follows it with a GET and never re-sends the form (docs/security-cases.md, case 7: never
 * 307).
 */
export type Outcome = { redirectTo: string } | { status: number; page: string };

export function send(res: Response, outcome: Outcome): void {
  if ('redirectTo' in outcome) {
    res.redirect(303, outcome.redirectTo);
  } else {
    res.status(outcome.status).type('html').send(outcome.page);
  }
}
