import type { Request } from 'express';

/**
 * Promise forms of express-session's callback API.
 */

/**
 * A new session id for the same browser; the old session is destroyed in the store. Done at login
 * (an id planted earlier is worthless) and at Disconnect (the tokens' session is gone for good).
 */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error: unknown) => (error ? reject(toError(error)) : resolve()));
  });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
