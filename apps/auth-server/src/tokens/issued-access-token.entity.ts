import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A record of each access token issued (by `jti`), so that a replayed authorization code or a reused
 * refresh token can revoke what was issued from it (RFC 6749 §4.1.2, RFC 9700 §4.1.1, §4.14.2), a
 * client can revoke it (RFC 7009) and introspection can tell it is revoked (RFC 7662). The token
 * itself is not stored.
 */
@Entity({ name: 'issued_access_tokens' })
@Index('idx_issued_access_tokens_code', ['codeDigest'])
export class IssuedAccessTokenEntity {
  @PrimaryColumn({ type: 'text' })
  jti!: string;

  /**
   * The authorization code this token was issued from, directly or through refresh tokens: the id of
   * its family (refresh-token.entity.ts). Null for client_credentials.
   */
  @Column({ name: 'code_digest', type: 'text', nullable: true })
  codeDigest!: string | null;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'simple-json' })
  scope!: string[];

  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;

  @Column({ name: 'revoked_at', type: 'integer', nullable: true })
  revokedAt!: number | null;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;
}
