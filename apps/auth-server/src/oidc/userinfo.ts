import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parseScope, type UserInfoResponse } from '@oauth-flow-lab/contracts';
import type { DataSource } from 'typeorm';
import { nowInSeconds } from '../common/random';
import { AccessTokenVerifier } from '../tokens/access-token-verifier';
import { AuthorizationCodeEntity } from '../tokens/authorization-code.entity';
import { AccessTokenRevocations } from '../tokens/access-token-revocations';
import { BearerTokenError } from './bearer-token-error';
import { releasedProfileClaims } from './profile-claims';

/**
 * The UserInfo endpoint (OIDC Core §5.3): the client presents an access token and gets the claims
 * about the user it was granted. The checks, in order:
 *   a Bearer token in the Authorization header (RFC 6750 §2.1; never the query string) - else 401
 *   with a bare challenge
 *   a JWT access token this server signed (tokens/access-token-verifier.ts), not expired, not revoked
 *   (tokens/access-token-revocations.ts) - else 401 invalid_token
 *   its scope includes `openid` - else 403 insufficient_scope
 * The answer: `sub`, plus name and preferred_username when `profile` was granted (§5.4). The claims
 * come from the authorization code the token's grant started from (its `grant_id` claim names it).
 */
@Injectable()
export class UserInfo {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenVerifier,
    private readonly revocations: AccessTokenRevocations,
  ) {}

  async handle(authorization: string | undefined): Promise<UserInfoResponse> {
    const token = bearerToken(authorization);
    const claims = await this.accessTokens.verify(token);
    if (!claims || claims.exp <= nowInSeconds()) {
      throw BearerTokenError.invalid('The access token is invalid or expired');
    }
    if (await this.revocations.isRevoked(this.dataSource.manager, claims)) {
      throw BearerTokenError.invalid('The access token has been revoked');
    }
    const scope = parseScope(claims.scope) ?? [];
    if (!scope.includes('openid')) {
      throw BearerTokenError.insufficientScope('openid');
    }
    const code =
      claims.grant_id === undefined
        ? null
        : await this.dataSource
            .getRepository(AuthorizationCodeEntity)
            .findOneBy({ codeDigest: claims.grant_id });
    return { sub: claims.sub, ...releasedProfileClaims(scope, code?.claims ?? null) };
  }
}

/** RFC 6750 §2.1: `Authorization: Bearer <token>`; the scheme is case-insensitive. */
function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? '');
  if (!match) {
    if (authorization === undefined || !/^Bearer\b/i.test(authorization)) {
      throw BearerTokenError.missing();
    }
    throw BearerTokenError.invalid('The Authorization header is not a Bearer token');
  }
  return match[1];
}
