import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A login-ui session: the user ticked "Keep me signed in" (or signed in on /apps). The browser holds
 * the random session id in the signed `login_ui.session` cookie; the database holds its digest, so
 * signing out (or deleting the row) ends the session for good, and sessions survive a restart.
 */
@Entity({ name: 'login_sessions' })
@Index('idx_login_sessions_user', ['userId'])
/** Expired sessions are deleted by expiry (purge-expired-login-sessions.ts, and at each sign-in). */
@Index('idx_login_sessions_expires_at', ['expiresAt'])
export class LoginSession {
  /** SHA-256 (hex) of the session id in the cookie; never the id itself. */
  @PrimaryColumn({ name: 'id_digest', type: 'text' })
  idDigest!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  /**
   * Epoch seconds: when the user typed the password for this session. Set when it starts, moved
   * forward when the same user types it again in this browser (LoginSessions.reauthenticated); a
   * sign-in from the session reports it to auth-server as the authentication time (`auth_time`).
   */
  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  /** Epoch seconds; absolute, never extended. */
  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;
}
