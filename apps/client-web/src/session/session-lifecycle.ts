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

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
