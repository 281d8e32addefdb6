import { createHash } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One browser's session as client-web's sqlite file keeps it (table `sessions`, created by the
 * migration database/migrations/1764000500000-create-sessions.ts, never by `synchronize`): what
 * express-session holds in `req.session` (session-data.ts: the pending state/PKCE/nonce of steps
 * 1-3, the tokens of step 4, the flow record), so a restart of client-web logs nobody out
 * (docs/security-cases.md, case 40). Written and read only by TypeOrmSessionStore
 * (typeorm-session.store.ts).
 */
@Entity({ name: 'sessions' })
export class StoredSession {
  /**
   * SHA-256 (hex) of the session id, never the id itself (as login-ui does with its own sessions):
   * a copy of the file does not hand out the ids that browsers present in their cookies.
   */
  @PrimaryColumn({ name: 'id_digest', type: 'text' })
  idDigest!: string;

  /** `req.session` as JSON (its cookie's settings included), as express-session's MemoryStore keeps it. */
  @Column({ name: 'data', type: 'text' })
  data!: string;

  /**
   * Epoch seconds after which the row is dead: never read again, deleted when met and by the
   * periodic purge (purge-expired-sessions.ts). Moved forward at each request of the session (express-session's `touch`).
   * Seconds, as every other table's times: an `integer` column holds them on both stores
   * (milliseconds overflow PostgreSQL's 4-byte integer; migration 1764100100000 converted them).
   */
  @Index('idx_sessions_expires_at')
  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;
}

/** The primary key of a session id's row. */
export function sessionIdDigest(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}
