import type { Purge } from '@oauth-flow-lab/database';
import { MAX_SIGNED_TOKEN_TTL_SECONDS } from '../config/auth-server.config';
import { RefreshTokenEntity } from './refresh-token.entity';

/**
 * How long a refresh-token family stays past its expiry: a day (MAX_SIGNED_TOKEN_TTL_SECONDS, the
 * longest an access token may live). A family expires whole: its tokens share one absolute expiry
 * (refresh-token-store.ts, rotation keeps it). Presenting a rotated-out token is reuse and revokes
 * the grant (token/grants/refresh-token.grant.ts, RFC 9700 §4.14.2), access tokens included, and it
 * is recognised only while the row is there: an access token from a refresh just before the family
 * expired lives up to a day more, so the family stays that long. A family's rows are also what
 * keeps its code (purge-authorization-codes.ts).
 */
export const EXPIRED_REFRESH_TOKEN_RETENTION_SECONDS = MAX_SIGNED_TOKEN_TTL_SECONDS;

/**
 * Deletes the refresh tokens past that retention, by family: a row goes only when no row of its
 * family is still within it, so a family is never left half-deleted (with one expiry per family
 * today, the same rows as by expiry alone).
 */
export const purgeRefreshTokens: Purge = {
  what: 'expired refresh tokens',
  async run(manager, now) {
    const deleted = await manager
      .createQueryBuilder()
      .delete()
      .from(RefreshTokenEntity)
      .where('expires_at < :expiredBefore')
      .andWhere(
        `NOT EXISTS (
          SELECT 1 FROM refresh_tokens AS sibling
          WHERE sibling.family_id = refresh_tokens.family_id AND sibling.expires_at >= :expiredBefore
        )`,
      )
      .setParameters({ expiredBefore: now - EXPIRED_REFRESH_TOKEN_RETENTION_SECONDS })
      .execute();
    return deleted.affected ?? 0;
  },
};
