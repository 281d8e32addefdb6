import type { Purge } from '@oauth-flow-lab/database';
import { MAX_SIGNED_TOKEN_TTL_SECONDS } from '../config/auth-server.config';
import { AuthorizationCodeEntity } from './authorization-code.entity';

/**
 * How long an authorization code stays past its expiry (AUTHORIZATION_CODE_TTL_SECONDS, 60 s): an
 * hour at least. A late redemption is then answered "the authorization code has expired" rather than
 * "invalid", and a redemption that read the code just before its expiry still finds the row when it
 * consumes it (a missing row would be taken for a replay).
 */
export const EXPIRED_CODE_RETENTION_SECONDS = 3600;

/**
 * Deletes the authorization codes past that retention, except a redeemed code whose tokens may
 * still be in use. RFC 6749 §4.1.2: a code presented again "SHOULD revoke (when possible) all tokens
 * previously issued based on that authorization code" (token/grants/authorization-code.grant.ts):
 * a replay is recognised only while the row is there. So a redeemed code (`consumed_at` set) stays
 *   - while any refresh token of its family is stored (the family id is the code's digest;
 *     purge-refresh-tokens.ts keeps a family until its last access token has expired), and
 *   - for the longest life of an access token issued at its redemption (MAX_SIGNED_TOKEN_TTL_SECONDS,
 *     one day: not ACCESS_TOKEN_TTL_SECONDS, which may have been lowered since).
 * An unredeemed code issued no token: nothing for a replay to revoke.
 */
export const purgeAuthorizationCodes: Purge = {
  what: 'expired authorization codes',
  async run(manager, now) {
    const deleted = await manager
      .createQueryBuilder()
      .delete()
      .from(AuthorizationCodeEntity)
      .where('expires_at < :expiredBefore', {
        expiredBefore: now - EXPIRED_CODE_RETENTION_SECONDS,
      })
      .andWhere(
        `(consumed_at IS NULL OR (consumed_at < :redeemedBefore AND NOT EXISTS (
          SELECT 1 FROM refresh_tokens WHERE refresh_tokens.family_id = authorization_codes.code_digest
        )))`,
        { redeemedBefore: now - MAX_SIGNED_TOKEN_TTL_SECONDS },
      )
      .execute();
    return deleted.affected ?? 0;
  },
};
