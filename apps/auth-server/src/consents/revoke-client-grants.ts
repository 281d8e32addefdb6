import { type EntityManager, IsNull } from 'typeorm';
import { IssuedAccessTokenEntity } from '../tokens/issued-access-token.entity';
import { RefreshTokenEntity } from '../tokens/refresh-token.entity';
import { revokeFamily } from '../tokens/revoke-family';

/**
 * Ends everything one client holds for one user, as when the user revokes a connected app: each
 * grant (refresh-token family, tokens/revoke-family.ts) of that client and subject is revoked, and
 * so is every access token the client still holds for the user, including those of grants without
 * a refresh token. Another client's tokens, and other users' tokens of this client, are untouched.
 */
export async function revokeClientGrants(
  manager: EntityManager,
  subject: string,
  clientId: string,
  now: number,
): Promise<void> {
  const tokens = await manager
    .getRepository(RefreshTokenEntity)
    .find({ select: { familyId: true }, where: { subject, clientId, revokedAt: IsNull() } });
  for (const familyId of new Set(tokens.map((t) => t.familyId))) {
    await revokeFamily(manager, familyId, now);
  }
  await manager
    .getRepository(IssuedAccessTokenEntity)
    .update({ subject, clientId, revokedAt: IsNull() }, { revokedAt: now });
}
