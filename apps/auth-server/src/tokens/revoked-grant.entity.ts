import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A grant revoked whole: the authorization code was replayed (RFC 6749 §4.1.2), a rotated refresh
 * token was reused (RFC 9700 §4.14.2), the client revoked its refresh token (RFC 7009 §2.1) or the
 * user disconnected the app. Every access token of the grant carries its `grant_id` claim, so all of
 * them are revoked by this one row, kept until the last of them would have expired (`expires_at`:
 * the revocation plus the access token lifetime), then purged.
 */
@Entity({ name: 'revoked_grants' })
export class RevokedGrantEntity {
  /** The grant's family id (refresh-token.entity.ts): the digest of the code that started it. */
  @PrimaryColumn({ name: 'grant_id', type: 'text' })
  grantId!: string;

  @Column({ name: 'revoked_at', type: 'integer' })
  revokedAt!: number;

  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;
}
