import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_TYP, type AccessTokenClaims, formatScope } from '@oauth-flow-lab/contracts';
import { randomUUID } from 'node:crypto';
import { nowInSeconds } from '../common/random';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { SigningKeysService } from '../keys/signing-keys.service';
import { signCompactJws } from './compact-jws';

export interface AccessTokenGrant {
  clientId: string;
  subject: string;
  scope: string[];
  /** When the user authenticated; absent for a client acting on its own behalf (client_credentials). */
  authTime?: number;
  /**
   * The grant the token is issued under: the family id of the authorization code it comes from
   * (directly or through refresh tokens), so that a replay of that code or the revocation of its
   * family revokes it (access-token-revocations.ts). Null for client_credentials.
   */
  grantId: string | null;
}

/**
 * Step 4: the access token, a JWT as RFC 9068 defines it. Header `typ: at+jwt` (§2.1) so it cannot be
 * mistaken for an id_token; claims iss, sub, aud (the resource server), client_id, scope, iat, exp,
 * jti (§2.2), and `grant_id` for a token of a user's grant. Signed RS256 with the active key, whose
 * `kid` tells resource-api which JWKS key to use. Nothing is stored: the signature is the record,
 * and only a revocation is kept (access-token-revocations.ts).
 */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly signingKeys: SigningKeysService,
  ) {}

  async issue(grant: AccessTokenGrant): Promise<{ token: string; expiresIn: number }> {
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
      ...(grant.grantId === null ? {} : { grant_id: grant.grantId }),
    };
    const token = await signCompactJws(
      { alg: 'RS256', typ: ACCESS_TOKEN_TYP, kid: key.kid },
      claims,
      this.signingKeys.privateKeyOf(key),
    );
    return { token, expiresIn };
  }
}
