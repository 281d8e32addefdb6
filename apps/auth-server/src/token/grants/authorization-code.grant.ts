import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatScope, type TokenResponse } from '@oauth-flow-lab/contracts';
import { serializedTransaction } from '@oauth-flow-lab/database';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { PKCE_VALUE } from '../../authorize/checks/check-pkce';
import type { ClientEntity } from '../../clients/client.entity';
import { nowInSeconds, sha256Digest } from '../../common/random';
import type { RequestParameters } from '../../common/request-parameters';
import { InvalidGrant, InvalidRequest } from '../../errors/oauth-errors';
import { IdTokenIssuer } from '../../oidc/id-token-issuer';
import { AccessTokenIssuer } from '../../tokens/access-token-issuer';
import { AccessTokenRevocations } from '../../tokens/access-token-revocations';
import { AuthorizationCodeEntity } from '../../tokens/authorization-code.entity';
import { RefreshTokenStore } from '../../tokens/refresh-token-store';
import { revokeFamily } from '../../tokens/revoke-family';
import { verifyPkceS256 } from '../pkce';

/**
 * Steps 3 and 4 for grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5-4.6). The checks,
 * in order; each failure names the parameter:
 *   code, redirect_uri present; code_verifier present and well-formed
 *   the code exists, was issued to this client, has not expired
 *   redirect_uri equals the one of the authorization request
 *   the verifier matches the code_challenge
 *   the code has not been redeemed before: a second redemption that passes every check above is
 *   a replay, and the tokens issued from the first one are revoked (RFC 6749 §4.1.2): its access
 *   tokens and its whole refresh-token family (tokens/revoke-family.ts).
 * A refresh token is issued too when the user granted `offline_access` and the client is registered
 * for the refresh_token grant; the code's digest names its family. With `openid` granted, an id_token
 * too (OpenID Connect, oidc/id-token-issuer.ts), signed after the transaction: it stores nothing.
 * Consuming the code and recording its tokens are one transaction: all happen or none does.
 */
@Injectable()
export class AuthorizationCodeGrant {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly idTokens: IdTokenIssuer,
    private readonly revocations: AccessTokenRevocations,
  ) {}

  async handle(params: RequestParameters, client: ClientEntity): Promise<TokenResponse> {
    const code = params.required('code');
    const redirectUri = params.required('redirect_uri');
    const codeVerifier = params.optional('code_verifier');
    if (codeVerifier === undefined) {
      throw new InvalidGrant(
        'code_verifier is required: the code was issued for a PKCE code_challenge',
      );
    }
    if (!PKCE_VALUE.test(codeVerifier)) {
      throw new InvalidRequest('code_verifier must be 43-128 characters of [A-Za-z0-9-._~]');
    }

    const codeDigest = sha256Digest(code);
    const stored = await this.dataSource
      .getRepository(AuthorizationCodeEntity)
      .findOneBy({ codeDigest });
    if (!stored || stored.clientId !== client.clientId) {
      // A code issued to another client is answered exactly like an unknown one.
      throw new InvalidGrant('the authorization code is invalid');
    }
    if (stored.consumedAt === null && stored.expiresAt <= nowInSeconds()) {
      throw new InvalidGrant('the authorization code has expired');
    }
    if (stored.redirectUri !== redirectUri) {
      throw new InvalidGrant('redirect_uri does not match the one of the authorization request');
    }
    if (!verifyPkceS256(codeVerifier, stored.codeChallenge)) {
      throw new InvalidGrant('code_verifier does not match the code_challenge');
    }

    const outcome = await serializedTransaction(this.dataSource, async (manager) => {
      const now = nowInSeconds();
      const consumed = await manager
        .getRepository(AuthorizationCodeEntity)
        .update({ codeDigest, consumedAt: IsNull() }, { consumedAt: now });
      if (consumed.affected !== 1) {
        await revokeFamily(manager, this.revocations, codeDigest, now);
        return { replayed: true as const };
      }
      const issued = await this.accessTokens.issue({
        clientId: client.clientId,
        subject: stored.subject,
        scope: stored.scope,
        authTime: stored.authTime,
        grantId: codeDigest,
      });
      const refreshToken = await this.issueRefreshToken(manager, client, stored, now);
      return { replayed: false as const, issued, refreshToken };
    });

    if (outcome.replayed) {
      throw new InvalidGrant(
        'the authorization code was already used; the tokens issued from it are revoked',
      );
    }
    const idToken = stored.scope.includes('openid')
      ? await this.idTokens.issue({
          clientId: client.clientId,
          subject: stored.subject,
          scope: stored.scope,
          authTime: stored.authTime,
          nonce: stored.nonce,
          claims: stored.claims,
          accessToken: outcome.issued.token,
        })
      : undefined;
    return {
      access_token: outcome.issued.token,
      token_type: 'Bearer',
      expires_in: outcome.issued.expiresIn,
      scope: formatScope(stored.scope),
      ...(outcome.refreshToken === undefined ? {} : { refresh_token: outcome.refreshToken }),
      ...(idToken === undefined ? {} : { id_token: idToken }),
    };
  }

  /** RFC 6749 §4.1.4: "optional refresh token", here only for offline access the user consented to. */
  private async issueRefreshToken(
    manager: EntityManager,
    client: ClientEntity,
    code: AuthorizationCodeEntity,
    now: number,
  ): Promise<string | undefined> {
    if (!code.scope.includes('offline_access') || !client.grantTypes.includes('refresh_token')) {
      return undefined;
    }
    return this.refreshTokens.issue(
      manager,
      {
        familyId: code.codeDigest,
        clientId: client.clientId,
        subject: code.subject,
        scope: code.scope,
        authTime: code.authTime,
      },
      now,
    );
  }
}
