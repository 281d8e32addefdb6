import { type EntityManager, IsNull, MoreThanOrEqual } from 'typeorm';
import type { AccessTokenRevocations } from '../tokens/access-token-revocations';
import { AuthorizationCodeEntity } from '../tokens/authorization-code.entity';
import { RefreshTokenEntity } from '../tokens/refresh-token.entity';
import { revokeFamily } from '../tokens/revoke-family';

/**
 * Ends everything one client holds for one user, as when the user revokes a connected app: each
 * grant of that client and subject is revoked (tokens/revoke-family.ts), those with refresh tokens
 * and those without (a code redeemed recently enough for its access tokens to be alive still).
 * Another client's tokens, and other users' tokens of this client, are untouched.
 */
export async function revokeClientGrants(
  manager: EntityManager,
  revocations: AccessTokenRevocations,
  subject: string,
  clientId: string,
  now: number,
): Promise<void> {
  const refreshTokens = await manager
    .getRepository(RefreshTokenEntity)
    .find({ select: { familyId: true }, where: { subject, clientId, revokedAt: IsNull() } });
  const recentCodes = await manager.getRepository(AuthorizationCodeEntity).find({
    select: { codeDigest: true },
    where: {
      subject,
      clientId,
      consumedAt: MoreThanOrEqual(now - revocations.longestAccessTokenLifetime),
    },
  });
  const grants = new Set([
    ...refreshTokens.map((token) => token.familyId),
    ...recentCodes.map((code) => code.codeDigest),
  ]);
  for (const grantId of grants) {
    await revokeFamily(manager, revocations, grantId, now);
  }
}
