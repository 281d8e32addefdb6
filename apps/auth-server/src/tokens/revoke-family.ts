import { type EntityManager, IsNull } from 'typeorm';
import { IssuedAccessTokenEntity } from './issued-access-token.entity';
import { RefreshTokenEntity } from './refresh-token.entity';

/**
 * Revokes a whole grant: every refresh token descending from one authorization code, the newest
 * included, and every access token issued from the code or from those refresh tokens. Used when the
 * code is replayed (RFC 6749 §4.1.2), when a rotated refresh token is reused (RFC 9700 §4.14.2), and
 * when a client revokes a refresh token (RFC 7009 §2.1).
 */
export async function revokeFamily(
  manager: EntityManager,
  familyId: string,
  now: number,
): Promise<void> {
  await manager
    .getRepository(RefreshTokenEntity)
    .update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  await manager
    .getRepository(IssuedAccessTokenEntity)
    .update({ codeDigest: familyId, revokedAt: IsNull() }, { revokedAt: now });
}
