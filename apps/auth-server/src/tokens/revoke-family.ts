import { type EntityManager, IsNull } from 'typeorm';
import type { AccessTokenRevocations } from './access-token-revocations';
import { RefreshTokenEntity } from './refresh-token.entity';

/**
 * Revokes a whole grant: every refresh token descending from one authorization code, the newest
 * included, and every access token issued from the code or from those refresh tokens (they carry
 * the family id as their `grant_id` claim; the revocation list names it once). Used when the code
 * is replayed (RFC 6749 §4.1.2), when a rotated refresh token is reused (RFC 9700 §4.14.2), when a
 * client revokes a refresh token (RFC 7009 §2.1) and when the user disconnects the app.
 */
export async function revokeFamily(
  manager: EntityManager,
  revocations: AccessTokenRevocations,
  familyId: string,
  now: number,
): Promise<void> {
  await manager
    .getRepository(RefreshTokenEntity)
    .update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  await revocations.revokeGrant(manager, familyId, now);
}
