import type { Request } from 'express';

/**
 * Promise forms of express-session's callback API.
 */

/** A new session id for the same browser: done at login so an id planted earlier is worthless. */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error: unknown) => (error ? reject(toError(error)) : resolve()));
  });
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((error: unknown) => (error ? reject(toError(error)) : resolve()));
  });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
