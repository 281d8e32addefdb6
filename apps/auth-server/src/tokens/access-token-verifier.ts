import { Inject, Injectable } from '@nestjs/common';
import {
  ACCESS_TOKEN_TYP_VALUES,
  type AccessTokenClaims,
  AccessTokenClaimsSchema,
  AccessTokenHeaderSchema,
} from '@oauth-flow-lab/contracts';
import { createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { SigningKeysService } from '../keys/signing-keys.service';

/**
 * Recognises the access tokens this server signed, for revocation (RFC 7009) and introspection
 * (RFC 7662): a compact JWS with `alg: RS256` and `typ: at+jwt` (RFC 9068 §2.1), signed by a key of
 * our own JWKS (looked up by `kid` in that set only), with every RFC 9068 claim and our `iss`. Claims
 * of a token that fails any of this are never read, so a forged JWT naming someone else's `jti`
 * changes nothing. Expiry is left to the caller: an expired token can still be revoked.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly signingKeys: SigningKeysService,
  ) {}

  async verify(token: string): Promise<AccessTokenClaims | null> {
    const [encodedHeader, encodedPayload, signature, ...rest] = token.split('.');
    if (signature === undefined || rest.length > 0) {
      return null;
    }
    const header = AccessTokenHeaderSchema.safeParse(decodeJson(encodedHeader));
    if (!header.success || !ACCESS_TOKEN_TYP_VALUES.includes(header.data.typ)) {
      return null;
    }
    const { keys } = await this.signingKeys.publicKeySet();
    const jwk = keys.find((key) => key.kid === header.data.kid && key.alg === header.data.alg);
    if (!jwk || !verifiesRs256(`${encodedHeader}.${encodedPayload}`, signature, jwk)) {
      return null;
    }
    const claims = AccessTokenClaimsSchema.safeParse(decodeJson(encodedPayload));
    if (!claims.success || claims.data.iss !== this.config.issuer) {
      return null;
    }
    return claims.data;
  }
}

function verifiesRs256(signingInput: string, signature: string, jwk: JsonWebKey): boolean {
  try {
    return verify(
      'sha256',
      Buffer.from(signingInput, 'ascii'),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
