import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { serializedTransaction } from '@oauth-flow-lab/sqlite';
import type { Request } from 'express';
import { DataSource, IsNull } from 'typeorm';
import type { ClientEntity } from '../clients/client.entity';
import { nowInSeconds } from '../common/random';
import { ClientAuthentication } from '../token/client-authentication';
import { lookUpByHint, readTokenManagementRequest } from '../token/token-management-request';
import { AccessTokenVerifier } from '../tokens/access-token-verifier';
import { IssuedAccessTokenEntity } from '../tokens/issued-access-token.entity';
import { RefreshTokenStore } from '../tokens/refresh-token-store';
import { revokeFamily } from '../tokens/revoke-family';

/** A lookup recognised the token (then the search stops), whether it revoked it or not. */
const FOUND = true;

/**
 * Token revocation (RFC 7009 §2.1). The request is checked like every token-management request
 * (token/token-management-request.ts: a form, client authentication, `token`), then the token is
 * looked up as each kind, the one `token_type_hint` names first (a hint, never trusted). Only the
 * client the token was issued to can revoke it (§2.1: "the authorization server first validates the
 * client credentials ... and then verifies whether the token was issued to the client making the
 * revocation request"):
 * - a refresh token revokes its whole grant: every refresh token of the family and the access
 *   tokens issued from it (§2.1: "SHOULD also invalidate all access tokens based on the same grant");
 * - an access token (a JWT whose signature verifies with our keys) has its `jti` marked revoked.
 * Unknown, invalid, already revoked or foreign tokens change nothing and are answered 200 (§2.2).
 */
@Injectable()
export class TokenRevocation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clientAuthentication: ClientAuthentication,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly accessTokens: AccessTokenVerifier,
  ) {}

  async handle(req: Request): Promise<void> {
    const { client, token, hint } = await readTokenManagementRequest(
      req,
      this.clientAuthentication,
      'the revocation request',
    );
    await lookUpByHint(hint, {
      refreshToken: () => this.revokeRefreshToken(token, client),
      accessToken: () => this.revokeAccessToken(token, client),
    });
  }

  private revokeRefreshToken(token: string, client: ClientEntity): Promise<typeof FOUND | null> {
    return serializedTransaction(this.dataSource, async (manager) => {
      const stored = await this.refreshTokens.find(manager, token);
      if (!stored) {
        return null;
      }
      if (stored.clientId === client.clientId) {
        await revokeFamily(manager, stored.familyId, nowInSeconds());
      }
      return FOUND;
    });
  }

  private async revokeAccessToken(
    token: string,
    client: ClientEntity,
  ): Promise<typeof FOUND | null> {
    const claims = await this.accessTokens.verify(token);
    if (!claims) {
      return null;
    }
    await this.dataSource
      .getRepository(IssuedAccessTokenEntity)
      .update(
        { jti: claims.jti, clientId: client.clientId, revokedAt: IsNull() },
        { revokedAt: nowInSeconds() },
      );
    return FOUND;
  }
}
