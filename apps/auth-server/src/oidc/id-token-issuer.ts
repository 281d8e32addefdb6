import { Inject, Injectable } from '@nestjs/common';
import { ID_TOKEN_TYP, type IdTokenClaims } from '@oauth-flow-lab/contracts';
import { createHash } from 'node:crypto';
import { nowInSeconds } from '../common/random';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { SigningKeysService } from '../keys/signing-keys.service';
import { signCompactJws } from '../tokens/compact-jws';
import { releasedProfileClaims } from './profile-claims';

export interface IdTokenGrant {
  clientId: string;
  subject: string;
  scope: string[];
  authTime: number;
  /** The authorization request's nonce (OIDC Core §3.1.2.1), null when none was sent. */
  nonce: string | null;
  /** The profile claims login-ui vouched for at login. */
  claims: Record<string, string> | null;
  /** The access token issued beside it, for at_hash. */
  accessToken: string;
}

/**
 * Step 4 with OpenID Connect: when the granted scope includes `openid`, the token response of the
 * authorization_code grant carries an id_token beside the access token (OIDC Core §3.1.3.3).
 *
 * The two answer different questions. The id_token tells the CLIENT who logged in, when and how
 * (authentication; `aud` = its client_id). The access token tells the RESOURCE SERVER what the
 * client may do (authorization; `aud` = resource-api). Header `typ: JWT` here, `at+jwt` there, so
 * resource-api refuses an id_token presented as an access token (docs/security-cases.md, case 30).
 *
 * Claims (OIDC Core §2): iss, sub, aud, exp, iat, auth_time, nonce when the request had one, and
 * at_hash (§3.1.3.6). With `profile` granted also name and preferred_username (§5.4).
 * Signed RS256 with the active key (§3.1.3.7 step 6-7: the client verifies with the JWKS).
 * Refresh responses carry no id_token: OIDC Core §12.2 makes it optional, and the login it describes
 * does not change when the access token is renewed.
 */
@Injectable()
export class IdTokenIssuer {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly signingKeys: SigningKeysService,
  ) {}

  issue(grant: IdTokenGrant): Promise<string> {
    const key = this.signingKeys.activeKey();
    const now = nowInSeconds();
    const claims: IdTokenClaims = {
      iss: this.config.issuer,
      sub: grant.subject,
      aud: grant.clientId,
      exp: now + this.config.idTokenTtlSeconds,
      iat: now,
      auth_time: grant.authTime,
      ...(grant.nonce === null ? {} : { nonce: grant.nonce }),
      at_hash: atHash(grant.accessToken),
      ...releasedProfileClaims(grant.scope, grant.claims),
    };
    return signCompactJws(
      { alg: 'RS256', typ: ID_TOKEN_TYP, kid: key.kid },
      claims,
      this.signingKeys.privateKeyOf(key),
    );
  }
}

/**
 * OIDC Core §3.1.3.6: "hash the octets of the ASCII representation of the access_token with the hash
 * algorithm [of the id_token's alg: SHA-256 for RS256], then take the left-most half of the hash and
 * base64url encode it". It binds the access token to this id_token.
 */
export function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
