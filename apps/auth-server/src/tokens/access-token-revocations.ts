import { Injectable } from '@nestjs/common';
import type { AccessTokenClaims } from '@oauth-flow-lab/contracts';
import type { Purge } from '@oauth-flow-lab/database';
import { type EntityManager, type EntityTarget, LessThan, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { MAX_SIGNED_TOKEN_TTL_SECONDS } from '../config/auth-server.config';
import { RevokedAccessTokenEntity } from './revoked-access-token.entity';
import { RevokedGrantEntity } from './revoked-grant.entity';

/**
 * The revocation list of JWT access tokens (RFC 9068 §4, RFC 7009). A JWT access token is valid by
 * its signature and claims alone, so issuing one stores nothing: resource-api verifies it without
 * asking, and only the places that must know about revocation (introspection, RFC 7662; UserInfo,
 * OIDC Core §5.3) look here. Two kinds of entry:
 *
 *   a token, by `jti`      RFC 7009 §2.1: its client revoked that access token
 *   a grant, by grant_id   the whole grant ended (tokens/revoke-family.ts): every access token that
 *                          carries its `grant_id` claim
 *
 * Each entry is kept until the tokens it names would have expired anyway, and purged then (on each
 * new revocation, and by the periodic purge, `purgeExpiredRevocations`): the list stays as small as
 * the revocations still in force. A token's own `exp`
 * says when for a `jti`; a grant's tokens carry no row to ask, so its entry is kept for the longest
 * lifetime any of them can have had: the most ACCESS_TOKEN_TTL_SECONDS accepts, not its value now,
 * which may have been lowered since they were issued.
 */
@Injectable()
export class AccessTokenRevocations {
  /** Every access token of a grant issued up to now has expired this many seconds from now. */
  readonly longestAccessTokenLifetime = MAX_SIGNED_TOKEN_TTL_SECONDS;

  /** Whether the token was revoked, itself or with its grant. */
  async isRevoked(manager: EntityManager, claims: AccessTokenClaims): Promise<boolean> {
    if (await manager.getRepository(RevokedAccessTokenEntity).existsBy({ jti: claims.jti })) {
      return true;
    }
    return (
      claims.grant_id !== undefined &&
      manager.getRepository(RevokedGrantEntity).existsBy({ grantId: claims.grant_id })
    );
  }

  /** RFC 7009 §2.1: one access token; false when it was already revoked. */
  async revokeToken(
    manager: EntityManager,
    claims: AccessTokenClaims,
    now: number,
  ): Promise<boolean> {
    await purgeExpiredRevocations.run(manager, now);
    if (await this.isRevoked(manager, claims)) {
      return false;
    }
    await insertOnce(manager, RevokedAccessTokenEntity, { jti: claims.jti, expiresAt: claims.exp });
    return true;
  }

  /** Every access token of a grant: those issued up to now expire within the longest lifetime. */
  async revokeGrant(manager: EntityManager, grantId: string, now: number): Promise<void> {
    await purgeExpiredRevocations.run(manager, now);
    await insertOnce(manager, RevokedGrantEntity, {
      grantId,
      revokedAt: now,
      expiresAt: now + this.longestAccessTokenLifetime,
    });
  }
}

/**
 * The entries whose tokens have all expired (`expires_at` passed: nothing left for them to refuse),
 * deleted on each new revocation and by the periodic purge (database/purges.ts): without it, the
 * last revocations before a quiet spell would stay until the next one.
 */
export const purgeExpiredRevocations: Purge = {
  what: 'expired access-token revocations',
  async run(manager, now) {
    const tokens = await manager
      .getRepository(RevokedAccessTokenEntity)
      .delete({ expiresAt: LessThan(now) });
    const grants = await manager
      .getRepository(RevokedGrantEntity)
      .delete({ expiresAt: LessThan(now) });
    return (tokens.affected ?? 0) + (grants.affected ?? 0);
  },
};

/**
 * Inserts the entry unless it is there already. Two replicas may revoke the same grant at the same
 * moment (a code replayed on both): the second insert is then a no-op, never a duplicate-key error.
 */
async function insertOnce<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
): Promise<void> {
  await manager.createQueryBuilder().insert().into(entity).values(values).orIgnore().execute();
}
