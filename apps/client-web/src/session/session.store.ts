import type { Repository } from 'typeorm';
import type { StoredSession } from './stored-session.entity';
import { TypeOrmSessionStore } from './typeorm-session.store';

/** A session nobody used for a day is gone (its cookie is a browser-session cookie, no maxAge). */
export const SESSION_IDLE_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * The one place that decides where sessions (and so the tokens in them) are kept.
 *
 * In client-web's sqlite file (DATABASE_PATH, table `sessions`, created by a migration), through
 * TypeOrmSessionStore: sessions survive a restart, so restarting client-web logs nobody out
 * (docs/security-cases.md, case 40), and Disconnect deletes the row that held the tokens.
 *
 * Why not the library connect-typeorm (2.0.0, its latest): its `destroy` is a soft delete, so after
 * Disconnect the row with the access and refresh tokens stays in the file until a later cleanup;
 * its callback does not wait for that delete and reports success even when it fails, the failure
 * then being an unhandled rejection, which ends a Node 20 process; its `touch` calls back twice when the cookie
 * has an expiry; and by default any database error (e.g. two first writes of one id racing to
 * INSERT) emits 'disconnect', after which express-session serves every request without a session.
 * The store here is one short class on the TypeORM repository the app already has, each of its
 * operations a single SQL statement.
 *
 * With DATABASE_URL the table is in PostgreSQL, and several client-web replicas share the sessions
 * through it. They are not moved to Redis (connect-redis) with REDIS_URL: they are already in a
 * store every replica reads, and Redis would be a second place holding users' tokens. What is not
 * shared is the refresh lock of tokens/single-refresh-per-session.ts (per process): replicas keep a
 * browser on one replica (sticky sessions), README "Running beyond one machine".
 */
export function createSessionStore(sessions: Repository<StoredSession>): TypeOrmSessionStore {
  return new TypeOrmSessionStore(sessions, { idleTimeoutMs: SESSION_IDLE_TIMEOUT_MS });
}
