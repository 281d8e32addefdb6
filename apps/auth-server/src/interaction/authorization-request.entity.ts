import type { AuthorizationErrorCode } from '@oauth-flow-lab/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Where an authorization request stands while the user is with login-ui (step 2). The phases, in order:
 *   login            -> waiting for login-ui to accept or reject the login challenge
 *   login_accepted   -> (or login_rejected) the browser is on its way back with the login verifier
 *   consent          -> waiting for login-ui to accept or reject the consent challenge
 *   consent_accepted -> (or consent_rejected) the browser is on its way back with the consent verifier
 *   done             -> a code (or an error) was sent to the client; nothing more can happen
 * Challenges and verifiers are random bearer values: only their SHA-256 digests are stored.
 */
export type InteractionPhase =
  | 'login'
  | 'login_accepted'
  | 'login_rejected'
  | 'consent'
  | 'consent_accepted'
  | 'consent_rejected'
  | 'done';

@Entity({ name: 'authorization_requests' })
/** The periodic purge deletes by expiry (interaction/purge-authorization-requests.ts). */
@Index('idx_authorization_requests_expires_at', ['expiresAt'])
export class AuthorizationRequestEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  phase!: InteractionPhase;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri!: string;

  @Column({ name: 'requested_scope', type: 'simple-json' })
  requestedScope!: string[];

  @Column({ type: 'text', nullable: true })
  state!: string | null;

  /** OIDC Core §3.1.2.1: echoed in the id_token; null when the client sent none. */
  @Column({ type: 'text', nullable: true })
  nonce!: string | null;

  /** OIDC Core §3.1.2.1: the known `prompt` values (login, consent); null in rows older than it. */
  @Column({ type: 'simple-json', nullable: true })
  prompt!: string[] | null;

  /**
   * OIDC Core §3.1.2.1: the client's `max_age` in seconds, null when it sent none. The login
   * accept's authentication time may be no older (interaction/check-authentication-time.ts).
   */
  @Column({ name: 'max_age', type: 'integer', nullable: true })
  maxAge!: number | null;

  @Column({ name: 'code_challenge', type: 'text' })
  codeChallenge!: string;

  /** Digest of the value in the browser-binding cookie set by /authorize. */
  @Column({ name: 'browser_binding_digest', type: 'text' })
  browserBindingDigest!: string;

  @Column({ name: 'login_challenge_digest', type: 'text', unique: true })
  loginChallengeDigest!: string;

  @Column({ name: 'login_verifier_digest', type: 'text', nullable: true, unique: true })
  loginVerifierDigest!: string | null;

  @Column({ name: 'consent_challenge_digest', type: 'text', nullable: true, unique: true })
  consentChallengeDigest!: string | null;

  @Column({ name: 'consent_verifier_digest', type: 'text', nullable: true, unique: true })
  consentVerifierDigest!: string | null;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  claims!: Record<string, string> | null;

  /**
   * When the user really authenticated, as login-ui reported it in the login accept (epoch
   * seconds): the id_token's `auth_time` (OIDC Core §2). Null until the login is accepted.
   */
  @Column({ name: 'auth_time', type: 'integer', nullable: true })
  authTime!: number | null;

  @Column({ name: 'granted_scope', type: 'simple-json', nullable: true })
  grantedScope!: string[] | null;

  @Column({ name: 'rejection_error', type: 'text', nullable: true })
  rejectionError!: AuthorizationErrorCode | null;

  @Column({ name: 'rejection_description', type: 'text', nullable: true })
  rejectionDescription!: string | null;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;
}
