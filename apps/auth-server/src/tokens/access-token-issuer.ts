import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN_TYP, type AccessTokenClaims, formatScope } from '@oauth-flow-lab/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { nowInSeconds } from '../common/random';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { SigningKeysService } from '../keys/signing-keys.service';
import { IssuedAccessTokenEntity } from './issued-access-token.entity';

export interface AccessTokenGrant {
  clientId: string;
  subject: string;
  scope: string[];
  /** When the user authenticated; absent for a client acting on its own behalf (client_credentials). */
  authTime?: number;
  /**
   * The authorization code the token comes from (directly or through refresh tokens), so a replay of
   * that code or the revocation of its family can revoke it. Null for client_credentials.
   */
  codeDigest: string | null;
}

/**
 * Step 4: the access token, a JWT as RFC 9068 defines it. Header `typ: at+jwt` (§2.1) so it cannot be
 * mistaken for an id_token; claims iss, sub, aud (the resource server), client_id, scope, iat, exp,
 * jti (§2.2). Signed RS256 with the active key, whose `kid` tells resource-api which JWKS key to use.
 */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly jwt: JwtService,
    private readonly signingKeys: SigningKeysService,
  ) {}

  async issue(
    manager: EntityManager,
    grant: AccessTokenGrant,
  ): Promise<{ token: string; expiresIn: number }> {
    const key = this.signingKeys.activeKey();
    const now = nowInSeconds();
    const expiresIn = this.config.accessToken.ttlSeconds;
    const claims: AccessTokenClaims = {
      iss: this.config.issuer,
      sub: grant.subject,
      aud: this.config.accessToken.audience,
      client_id: grant.clientId,
      scope: formatScope(grant.scope),
      iat: now,
      exp: now + expiresIn,
      jti: randomUUID(),
      ...(grant.authTime === undefined ? {} : { auth_time: grant.authTime }),
    };
    const token = await this.jwt.signAsync(claims, {
      privateKey: this.signingKeys.privateKeyOf(key),
      algorithm: 'RS256',
      keyid: key.kid,
      header: { alg: 'RS256', typ: ACCESS_TOKEN_TYP, kid: key.kid },
    });
    await manager.getRepository(IssuedAccessTokenEntity).insert({
      jti: claims.jti,
      codeDigest: grant.codeDigest,
      clientId: grant.clientId,
      subject: grant.subject,
      scope: grant.scope,
      expiresAt: claims.exp,
      revokedAt: null,
      createdAt: now,
    });
    return { token, expiresIn };
  }
}
