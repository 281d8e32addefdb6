import session from 'express-session';

/**
 * The one place that decides where sessions (and so the tokens in them) are kept.
 *
 * For now this is express-session's MemoryStore: sessions are lost when the process restarts and
 * are not shared between instances. A persistent sqlite-backed store (so that sessions survive a
 * restart, SECURITY-CASES 40) is a later issue; swapping it in only changes this function.
 */
export function createSessionStore(): session.Store {
  return new session.MemoryStore();
}
