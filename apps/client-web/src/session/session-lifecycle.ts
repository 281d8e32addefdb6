import type { Request } from 'express';

/**
 * Promise forms of express-session's callback API.
 */

/**
 * A new session id for the same browser; the old session is destroyed in the store. Done at login
 * (an id planted earlier is worthless) and at Disconnect (the tokens' session is gone for good).
 *
 * Only the flow record moves to the new session: the login and the Disconnect are part of the
 * story GET /flow tells, and the record holds no secret (flow/flow-record.ts).
 */
export function regenerateSession(req: Request): Promise<void> {
  const flow = req.session.flow;
  return new Promise((resolve, reject) => {
    req.session.regenerate((error: unknown) => {
      if (error) {
        reject(toError(error));
        return;
      }
      if (flow !== undefined) {
        req.session.flow = flow;
      }
      resolve();
    });
  });
}

/**
 * Writes the session to the store now instead of at the end of the response. Needed before a
 * redirect: express-session sends the status line and headers before its save at the end has
 * finished, and a browser follows a 3xx as soon as it has the headers, so the next request could
 * read the session as it was (express-session's README, `req.session.save`: "useful ... for
 * example, redirects"). Found with the store on PostgreSQL, where the write takes a round trip.
 * (A redirect with an empty body, as passport writes at step 1, is sent whole after the save.)
 */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.save((error: unknown) => {
      if (error) {
        reject(toError(error));
        return;
      }
      resolve();
    });
  });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
