import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatScope, type TokenResponse } from '@oauth-flow-lab/contracts';
import { serializedTransaction } from '@oauth-flow-lab/database';
import { DataSource } from 'typeorm';
import type { ClientEntity } from '../../clients/client.entity';
import { nowInSeconds } from '../../common/random';
import type { RequestParameters } from '../../common/request-parameters';
import { InvalidGrant } from '../../errors/oauth-errors';
import { AccessTokenIssuer } from '../../tokens/access-token-issuer';
import { AccessTokenRevocations } from '../../tokens/access-token-revocations';
import { RefreshTokenStore } from '../../tokens/refresh-token-store';
import { revokeFamily } from '../../tokens/revoke-family';
import { requestedScope } from '../requested-scope';

/**
 * Step 4 again, later: grant_type=refresh_token (RFC 6749 §6) with rotation (RFC 9700 §4.14.2).
 * The checks, in order; each failure names the problem:
 *   refresh_token present
 *   the token exists and was issued to this client (another client's token: invalid_grant and
 *   nothing revoked, so a stolen value cannot be used to log someone out)
 *   it is not revoked
 *   it has not been rotated out: presenting it again is reuse, a sign that it leaked, and the whole
 *   family is revoked (every refresh token of the grant, the newest one included, and its access tokens)
 *   it has not expired (the lifetime is absolute: rotation does not extend it)
 *   scope, if sent, is within the token's scopes (invalid_scope); it narrows the access token only
 *   (§6: the new refresh token keeps the original scope)
 * Everything runs in one serialized transaction with a conditional UPDATE: of two parallel refreshes
 * with one token, exactly one rotates it, and the other is reuse.
 * No id_token here: OIDC Core §12.2 makes it optional on refresh, and the login it describes has not
 * changed; the client keeps the one it verified at the code exchange.
 */
@Injectable()
export class RefreshTokenGrant {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly revocations: AccessTokenRevocations,
  ) {}

  async handle(params: RequestParameters, client: ClientEntity): Promise<TokenResponse> {
    const presented = params.required('refresh_token');

    const outcome = await serializedTransaction(this.dataSource, async (manager) => {
      const now = nowInSeconds();
      const stored = await this.refreshTokens.find(manager, presented);
      if (!stored || stored.clientId !== client.clientId) {
        throw new InvalidGrant('the refresh token is invalid');
      }
      if (stored.revokedAt !== null) {
        throw new InvalidGrant('the refresh token has been revoked');
      }
      if (stored.rotatedAt !== null) {
        await revokeFamily(manager, this.revocations, stored.familyId, now);
        return { reused: true as const };
      }
      if (stored.expiresAt <= now) {
        throw new InvalidGrant('the refresh token has expired');
      }
      const scope = requestedScope(params, stored.scope, 'the scope of the refresh token');
      const refreshToken = await this.refreshTokens.rotate(manager, stored, now);
      if (refreshToken === null) {
        throw new InvalidGrant('the refresh token is invalid');
      }
      const issued = await this.accessTokens.issue({
        clientId: client.clientId,
        subject: stored.subject,
        scope,
        authTime: stored.authTime,
        grantId: stored.familyId,
      });
      return { reused: false as const, issued, refreshToken, scope };
    });

    if (outcome.reused) {
      throw new InvalidGrant(
        'the refresh token was already used; every token of this grant is now revoked',
      );
    }
    return {
      access_token: outcome.issued.token,
      token_type: 'Bearer',
      expires_in: outcome.issued.expiresIn,
      scope: formatScope(outcome.scope),
      refresh_token: outcome.refreshToken,
    };
  }
}
