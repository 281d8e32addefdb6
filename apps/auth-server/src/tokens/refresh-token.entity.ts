import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A refresh token (RFC 6749 §1.5, §6): opaque, stored by digest, bound to the client, the user, the
 * scopes and the time the user authenticated. Every refresh token descends from one authorization
 * code; the code's digest is the token's `familyId`, shared by every rotation of it and by the
 * access tokens issued along the way (their `grant_id` claim, access-token-revocations.ts).
 */
@Entity({ name: 'refresh_tokens' })
@Index('idx_refresh_tokens_family', ['familyId'])
@Index('idx_refresh_tokens_subject_client', ['subject', 'clientId'])
/** The periodic purge deletes by expiry (tokens/purge-refresh-tokens.ts). */
@Index('idx_refresh_tokens_expires_at', ['expiresAt'])
export class RefreshTokenEntity {
  @PrimaryColumn({ name: 'token_digest', type: 'text' })
  tokenDigest!: string;

  /** The digest of the authorization code the family started from. */
  @Column({ name: 'family_id', type: 'text' })
  familyId!: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'simple-json' })
  scope!: string[];

  @Column({ name: 'auth_time', type: 'integer' })
  authTime!: number;

  /** Absolute: a rotated token inherits the expiry of the one it replaces. */
  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;

  /** Set by the one refresh that rotated this token out; presenting it again is reuse. */
  @Column({ name: 'rotated_at', type: 'integer', nullable: true })
  rotatedAt!: number | null;

  @Column({ name: 'revoked_at', type: 'integer', nullable: true })
  revokedAt!: number | null;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;
}
