import session, { type SessionData } from 'express-session';
import { LessThanOrEqual, MoreThan, type Repository } from 'typeorm';
import { StoredSession, sessionIdDigest } from './stored-session.entity';

export interface TypeOrmSessionStoreOptions {
  /**
   * How long a session lives after its last request, in ms, when its cookie has no maxAge (the
   * browser-session cookie client-web sets). With a maxAge, the row dies with the cookie.
   */
  idleTimeoutMs: number;
}

/**
 * express-session's store API on client-web's sqlite file (table `sessions`,
 * stored-session.entity.ts), so sessions and the tokens in them survive a restart
 * (docs/security-cases.md, case 40). session.store.ts says why it is written here rather than
 * taken from connect-typeorm.
 *
 * Every operation is one SQL statement, atomic on its own (no transaction, so nothing to queue
 * with serializedTransaction):
 * - `get`: the live row of the id, or nothing. A row past its expiry is deleted when met and never
 *   returned: express-session then gives the browser a new, empty session under a new id, so an
 *   expired session is not brought back, not even by a later `touch` or `set` of its old id.
 * - `set`: an upsert (INSERT … ON CONFLICT DO UPDATE), with a new expiry.
 * - `touch`: moves the expiry of a still-live row forward (express-session calls it at the end of
 *   each request that did not change the session; resave stays false).
 * - `destroy`: deletes the row, tokens and all (Disconnect, and the old id at login: session
 *   fixation). Nothing stays behind in the file.
 * Rows that expired unseen are deleted by the periodic purge (purge-expired-sessions.ts).
 *
 * The store never emits express-session's 'disconnect' event: a failed query fails that request
 * (express-session passes the error on), instead of turning sessions off for every later one.
 */
export class TypeOrmSessionStore extends session.Store {
  constructor(
    private readonly sessions: Repository<StoredSession>,
    private readonly options: TypeOrmSessionStoreOptions,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    settle(this.read(sid), callback);
  }

  override set(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
    settle(this.save(sid, session), callback);
  }

  override touch(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
    settle(this.extend(sid, session), callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    settle(this.remove(sid), callback);
  }

  private async read(sid: string): Promise<SessionData | null> {
    const idDigest = sessionIdDigest(sid);
    const row = await this.sessions.findOneBy({ idDigest });
    if (row === null) {
      return null;
    }
    const now = nowInSeconds();
    if (row.expiresAt <= now) {
      // Only if still expired: a concurrent `set` may have just written it again.
      await this.sessions.delete({ idDigest, expiresAt: LessThanOrEqual(now) });
      return null;
    }
    return JSON.parse(row.data) as SessionData;
  }

  private async save(sid: string, session: SessionData): Promise<void> {
    // JSON like MemoryStore: the session's `id` and `req` are not enumerable, its cookie has toJSON.
    await this.sessions.upsert(
      {
        idDigest: sessionIdDigest(sid),
        data: JSON.stringify(session),
        expiresAt: this.expiry(session),
      },
      ['idDigest'],
    );
  }

  private async extend(sid: string, session: SessionData): Promise<void> {
    await this.sessions.update(
      { idDigest: sessionIdDigest(sid), expiresAt: MoreThan(nowInSeconds()) },
      { expiresAt: this.expiry(session) },
    );
  }

  private async remove(sid: string): Promise<void> {
    await this.sessions.delete({ idDigest: sessionIdDigest(sid) });
  }

  /**
   * The cookie's own expiry when it has a maxAge (ms left), else the idle timeout from now; in epoch
   * seconds, rounded up (the row outlives its cookie by less than a second, never the reverse).
   */
  private expiry(session: SessionData): number {
    const maxAge = session.cookie.maxAge;
    const ms = Date.now() + (typeof maxAge === 'number' ? maxAge : this.options.idleTimeoutMs);
    return Math.ceil(ms / 1000);
  }
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Hands a query's outcome to express-session's callback, outside the promise chain (as MemoryStore
 * defers its callbacks): the rest of the request runs inside that callback, and an exception thrown
 * there must not be caught by this promise and lost as a rejection.
 */
function settle<T>(
  work: Promise<T>,
  callback: ((error: unknown, value?: T) => void) | undefined,
): void {
  void work.then(
    (value) => process.nextTick(() => callback?.(null, value)),
    (error: unknown) => process.nextTick(() => callback?.(error)),
  );
}
