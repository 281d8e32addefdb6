import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { randomToken, sha256Digest } from '../common/random';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface RefreshTokenGrant {
  /** The digest of the authorization code the family descends from. */
  familyId: string;
  clientId: string;
  subject: string;
  scope: string[];
  authTime: number;
}

/**
 * Refresh tokens (RFC 6749 §6, RFC 9700 §4.14): 256-bit random values, handed out once and kept only
 * as their SHA-256 digest. Every method takes the EntityManager of the caller's transaction, so
 * issuing a refresh token always goes together with the access token issued beside it.
 */
@Injectable()
export class RefreshTokenStore {
  constructor(@Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig) {}

  /** The first token of a family, at the redemption of its authorization code. */
  async issue(manager: EntityManager, grant: RefreshTokenGrant, now: number): Promise<string> {
    return this.insert(manager, grant, now, now + this.config.refreshTokenTtlSeconds);
  }

  /** Finds a token by the digest of the value the client presented. */
  find(manager: EntityManager, token: string): Promise<RefreshTokenEntity | null> {
    return manager
      .getRepository(RefreshTokenEntity)
      .findOneBy({ tokenDigest: sha256Digest(token) });
  }

  /**
   * Rotation (RFC 9700 §4.14.2): marks `current` rotated, with a conditional UPDATE so that only one
   * caller can ever do it, and issues its successor in the same family with the same scope
   * (RFC 6749 §6) and the same absolute expiry. Null when `current` was already rotated or revoked.
   */
  async rotate(
    manager: EntityManager,
    current: RefreshTokenEntity,
    now: number,
  ): Promise<string | null> {
    const rotated = await manager
      .getRepository(RefreshTokenEntity)
      .update(
        { tokenDigest: current.tokenDigest, rotatedAt: IsNull(), revokedAt: IsNull() },
        { rotatedAt: now },
      );
    if (rotated.affected !== 1) {
      return null;
    }
    return this.insert(manager, current, now, current.expiresAt);
  }

  private async insert(
    manager: EntityManager,
    grant: RefreshTokenGrant,
    now: number,
    expiresAt: number,
  ): Promise<string> {
    const token = randomToken();
    await manager.getRepository(RefreshTokenEntity).insert({
      tokenDigest: sha256Digest(token),
      familyId: grant.familyId,
      clientId: grant.clientId,
      subject: grant.subject,
      scope: grant.scope,
      authTime: grant.authTime,
      expiresAt,
      rotatedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    return token;
  }
}
