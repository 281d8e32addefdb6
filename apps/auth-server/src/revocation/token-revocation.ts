import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { serializedTransaction } from '@oauth-flow-lab/database';
import type { HttpRequest } from '../http/http-request';
import { DataSource } from 'typeorm';
import type { ClientEntity } from '../clients/client.entity';
import { shorten } from '@oauth-flow-lab/flow-log';
import { nowInSeconds } from '../common/random';
import { ClientAuthentication } from '../token/client-authentication';
import { TokenHops } from '../token/token.hops';
import { lookUpByHint, readTokenManagementRequest } from '../token/token-management-request';
import { AccessTokenVerifier } from '../tokens/access-token-verifier';
import { AccessTokenRevocations } from '../tokens/access-token-revocations';
import { RefreshTokenStore } from '../tokens/refresh-token-store';
import { revokeFamily } from '../tokens/revoke-family';

/**
 * What a lookup that recognised the token (then the search stops) did with it, as the log line says
 * it; the client gets 200 either way.
 */
type RevocationOutcome = string;

/**
 * Token revocation (RFC 7009 §2.1). The request is checked like every token-management request
 * (token/token-management-request.ts: a form, client authentication, `token`), then the token is
 * looked up as each kind, the one `token_type_hint` names first (a hint, never trusted). Only the
 * client the token was issued to can revoke it (§2.1: "the authorization server first validates the
 * client credentials ... and then verifies whether the token was issued to the client making the
 * revocation request"):
 * - a refresh token revokes its whole grant: every refresh token of the family and the access
 *   tokens issued from it (§2.1: "SHOULD also invalidate all access tokens based on the same grant");
 * - an access token (a JWT whose signature verifies with our keys) has its `jti` put on the
 *   revocation list (tokens/access-token-revocations.ts) until its `exp`.
 * Unknown, invalid, already revoked or foreign tokens change nothing and are answered 200 (§2.2).
 * The log line (TokenHops) says which of these happened, naming an access token by its `jti`.
 */
@Injectable()
export class TokenRevocation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clientAuthentication: ClientAuthentication,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly accessTokens: AccessTokenVerifier,
    private readonly revocations: AccessTokenRevocations,
    private readonly hops: TokenHops,
  ) {}

  async handle(req: HttpRequest): Promise<void> {
    const { client, token, hint } = await readTokenManagementRequest(
      req,
      this.clientAuthentication,
      'the revocation request',
    );
    const outcome = await lookUpByHint(hint, {
      refreshToken: () => this.revokeRefreshToken(token, client),
      accessToken: () => this.revokeAccessToken(token, client),
    });
    this.hops.revoked(req, outcome ?? 'unknown token: nothing revoked');
  }

  private revokeRefreshToken(
    token: string,
    client: ClientEntity,
  ): Promise<RevocationOutcome | null> {
    return serializedTransaction(this.dataSource, async (manager) => {
      const stored = await this.refreshTokens.find(manager, token);
      if (!stored) {
        return null;
      }
      if (stored.clientId !== client.clientId) {
        return "another client's refresh token: nothing revoked";
      }
      await revokeFamily(manager, this.revocations, stored.familyId, nowInSeconds());
      return 'refresh token: its whole family and their access tokens revoked';
    });
  }

  private async revokeAccessToken(
    token: string,
    client: ClientEntity,
  ): Promise<RevocationOutcome | null> {
    const claims = await this.accessTokens.verify(token);
    if (!claims) {
      return null;
    }
    const revoked =
      claims.client_id === client.clientId &&
      (await serializedTransaction(this.dataSource, (manager) =>
        this.revocations.revokeToken(manager, claims, nowInSeconds()),
      ));
    const jti = `access token jti=${shorten(claims.jti)}`;
    return revoked
      ? `${jti} revoked`
      : `${jti}: already revoked or another client's, nothing revoked`;
  }
}
