import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One access token revoked by the client it was issued to (RFC 7009 §2.1), by its `jti`. Issuing a
 * token writes nothing (a JWT access token is verified by its signature, RFC 9068 §4); only a
 * revocation is stored, and only until the token would have expired anyway (`expires_at`, its
 * `exp`), then purged.
 */
@Entity({ name: 'revoked_access_tokens' })
export class RevokedAccessTokenEntity {
  @PrimaryColumn({ type: 'text' })
  jti!: string;

  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;
}
