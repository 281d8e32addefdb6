import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An authorization code (RFC 6749 §4.1.2): single use, short-lived, bound to the client, the
 * redirect_uri, the PKCE challenge (RFC 7636 §4.4), the user and the granted scopes. Stored by digest.
 */
@Entity({ name: 'authorization_codes' })
/** The periodic purge deletes by expiry (tokens/purge-authorization-codes.ts). */
@Index('idx_authorization_codes_expires_at', ['expiresAt'])
export class AuthorizationCodeEntity {
  @PrimaryColumn({ name: 'code_digest', type: 'text' })
  codeDigest!: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri!: string;

  @Column({ name: 'code_challenge', type: 'text' })
  codeChallenge!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'simple-json' })
  scope!: string[];

  @Column({ name: 'auth_time', type: 'integer' })
  authTime!: number;

  /** OIDC Core §3.1.2.1: the authorization request's nonce, for the id_token. */
  @Column({ type: 'text', nullable: true })
  nonce!: string | null;

  /** The profile claims login-ui vouched for at login (OIDC Core §5.1), for id_token and /userinfo. */
  @Column({ type: 'simple-json', nullable: true })
  claims!: Record<string, string> | null;

  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;

  /** Set by the one redemption that wins; a second redemption is a replay. */
  @Column({ name: 'consumed_at', type: 'integer', nullable: true })
  consumedAt!: number | null;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;
}
