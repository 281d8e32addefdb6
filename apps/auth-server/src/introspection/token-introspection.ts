import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatScope, type IntrospectionResponse } from '@oauth-flow-lab/contracts';
import type { HttpRequest } from '../http/http-request';
import { DataSource } from 'typeorm';
import type { ClientEntity } from '../clients/client.entity';
import { nowInSeconds } from '../common/random';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { ClientAuthentication } from '../token/client-authentication';
import { TokenHops } from '../token/token.hops';
import { lookUpByHint, readTokenManagementRequest } from '../token/token-management-request';
import { AccessTokenVerifier } from '../tokens/access-token-verifier';
import { AccessTokenRevocations } from '../tokens/access-token-revocations';
import { RefreshTokenStore } from '../tokens/refresh-token-store';
import { mayIntrospect } from './may-introspect';

const INACTIVE = { active: false } as const;

/**
 * Token introspection (RFC 7662 §2.1). The request is checked like every token-management request
 * (token/token-management-request.ts: a form, client authentication, which §2.1 requires "to
 * prevent token scanning attacks", and `token`), then the token is looked up as each kind, the one
 * `token_type_hint` names first (a hint, never trusted). Who may learn about a token is the rule of
 * may-introspect.ts: the client it was issued to, or, for an access token, the resource server of
 * its audience (resource-api, in its introspection mode). §2.2 lets the server answer inactive to
 * anyone else; every other case is exactly `{"active": false}`:
 * - access token: signature valid with our keys, typ at+jwt, our iss, not expired, and neither it
 *   nor its grant on the revocation list (tokens/access-token-revocations.ts);
 * - refresh token: known, not expired, not rotated out, not revoked.
 */
@Injectable()
export class TokenIntrospection {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clientAuthentication: ClientAuthentication,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly accessTokens: AccessTokenVerifier,
    private readonly revocations: AccessTokenRevocations,
    private readonly hops: TokenHops,
  ) {}

  async handle(req: HttpRequest): Promise<IntrospectionResponse> {
    const { client, token, hint } = await readTokenManagementRequest(
      req,
      this.clientAuthentication,
      'the introspection request',
    );
    const found = await lookUpByHint(hint, {
      refreshToken: () => this.refreshToken(token, client),
      accessToken: () => this.accessToken(token, client),
    });
    const response = found ?? INACTIVE;
    this.hops.introspected(req, response, client.introspectsAudience !== null);
    return response;
  }

  /** Null when the value is not a refresh token at all. */
  private async refreshToken(
    token: string,
    client: ClientEntity,
  ): Promise<IntrospectionResponse | null> {
    const stored = await this.refreshTokens.find(this.dataSource.manager, token);
    if (!stored) {
      return null;
    }
    const active =
      mayIntrospect(client, { client_id: stored.clientId }) &&
      stored.rotatedAt === null &&
      stored.revokedAt === null &&
      stored.expiresAt > nowInSeconds();
    if (!active) {
      return INACTIVE;
    }
    return {
      active: true,
      scope: formatScope(stored.scope),
      client_id: stored.clientId,
      sub: stored.subject,
      exp: stored.expiresAt,
      iat: stored.createdAt,
      iss: this.config.issuer,
      token_type: 'refresh_token',
    };
  }

  /** Null when the value is not an access token this server signed. */
  private async accessToken(
    token: string,
    client: ClientEntity,
  ): Promise<IntrospectionResponse | null> {
    const claims = await this.accessTokens.verify(token);
    if (!claims) {
      return null;
    }
    const active =
      mayIntrospect(client, claims) &&
      claims.exp > nowInSeconds() &&
      !(await this.revocations.isRevoked(this.dataSource.manager, claims));
    if (!active) {
      return INACTIVE;
    }
    return {
      active: true,
      scope: claims.scope,
      client_id: claims.client_id,
      sub: claims.sub,
      exp: claims.exp,
      iat: claims.iat,
      iss: claims.iss,
      aud: claims.aud,
      jti: claims.jti,
      token_type: 'access_token',
    };
  }
}
